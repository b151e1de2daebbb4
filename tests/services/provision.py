"""Installs what the test services need and is missing: Debian packages, Elasticsearch.

Everything is installed by these functions so that a fresh machine (CI's) needs
nothing by hand; each step is skipped when its result is already there.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import postgres
from .system import ServiceUnavailable, is_root

ES_VERSION = "8.19.4"
# Elastic's minimal distribution on Maven Central: the server with transport and
# x-pack security only. It has no analysis-common, reindex, painless or rest-root
# module (so no french analyser, no _delete_by_query, no GET /) and no bundled JDK.
ES_ARTIFACT = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{ES_VERSION}:zip"
# Pinned, so `copy` works without a pom.xml whatever Maven's default plugin version is.
MAVEN_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"


def chromium_path() -> Path:
    return Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


def java_home() -> Path | None:
    """A JDK for Elasticsearch (17 or later); Debian's 17 first, as on every machine here."""
    candidates = [os.environ.get("ES_JAVA_HOME", "")]
    candidates += sorted(str(path) for path in Path("/usr/lib/jvm").glob("java-17-openjdk-*"))
    candidates += [os.environ.get("JAVA_HOME", "")]
    if java := shutil.which("java"):
        candidates.append(str(Path(java).resolve().parent.parent))
    for candidate in filter(None, candidates):
        if (Path(candidate) / "bin" / "java").exists():
            return Path(candidate)
    return None


def nginx_path() -> Path:
    return Path(os.environ.get("NGINX_PATH", "/usr/sbin/nginx"))


def missing_debian_packages(
    *, postgresql: bool, elasticsearch: bool, chromium: bool, proxy: bool = False
) -> list[str]:
    packages = []
    if proxy and not nginx_path().exists():
        packages.append("nginx")  # the production check's reverse proxy
    if proxy and not shutil.which("envsubst"):
        packages.append("gettext-base")  # fills in the nginx template, as the image does
    if proxy and not shutil.which("openssl"):
        packages.append("openssl")  # the check's self-signed certificate
    if proxy and not shutil.which("pg_dump"):
        packages.append("postgresql-client")  # reemploi/deploy/backup.sh and restore.sh
    if postgresql and postgres.bindir() is None:
        packages.append("postgresql")
    if chromium and not chromium_path().exists():
        # No recommends (avahi, cups, udev…); fonts so that screenshots show text.
        packages += ["chromium", "fonts-liberation"]
    if elasticsearch and not shutil.which("mvn"):
        packages.append("maven")
    if elasticsearch and java_home() is None:
        packages.append("openjdk-17-jre-headless")
    return packages


def install_debian_packages(packages: list[str]) -> None:
    if not packages:
        return
    command = "apt-get install --no-install-recommends " + " ".join(packages)
    if not is_root():
        raise ServiceUnavailable(
            f"Missing Debian packages: run `sudo {command}`, or set DATABASE_URL and "
            "ELASTICSEARCH_URL to services you already have."
        )
    print(f"tests.services: installing {' '.join(packages)} with apt-get", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    wait_for_lock = ["-o", "DPkg::Lock::Timeout=600"]
    try:
        subprocess.run(["apt-get", "update", "-q", *wait_for_lock], env=env, check=True)
        subprocess.run(
            [
                "apt-get",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                *wait_for_lock,
                *packages,
            ],
            env=env,
            check=True,
        )
    except subprocess.CalledProcessError as error:
        raise ServiceUnavailable(f"`{command}` failed (exit {error.returncode}).") from error


def cache_dir() -> Path:
    """Where downloads are unpacked; readable by the service user, so not under /root (0700)."""
    if configured := os.environ.get("REEMPLOI_CACHE_DIR"):
        return Path(configured)
    if is_root():
        return Path("/var/cache/reemploi")
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "reemploi"


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One provisioning at a time: two sessions may start together."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def elasticsearch_home() -> Path:
    """The unpacked distribution, fetched through Maven (cached in ~/.m2) on first use."""
    home = cache_dir() / f"elasticsearch-{ES_VERSION}"
    done = home / ".unpacked"
    if done.exists():
        return home
    with _locked(cache_dir()):
        if done.exists():
            return home
        with tempfile.TemporaryDirectory(dir=cache_dir()) as scratch:
            archive = _fetch_with_maven(ES_ARTIFACT, Path(scratch))
            shutil.rmtree(home, ignore_errors=True)  # a half-unpacked one from a killed run
            _unpack(archive, Path(scratch) / "unpacked")
            (Path(scratch) / "unpacked" / f"elasticsearch-{ES_VERSION}").rename(home)
        done.touch()
    return home


def _fetch_with_maven(artifact: str, into: Path) -> Path:
    print(f"tests.services: fetching {artifact} with Maven", flush=True)
    try:
        subprocess.run(
            [
                *("mvn", "-B", "-q", "-Dstyle.color=never", f"{MAVEN_DEPENDENCY_PLUGIN}:copy"),
                *(f"-Dartifact={artifact}", f"-DoutputDirectory={into}"),
            ],
            cwd=into,
            stdin=subprocess.DEVNULL,
            capture_output=True,  # shown only on failure: Maven is noisy even with -q
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        output = getattr(error, "stdout", "") or ""
        raise ServiceUnavailable(
            f"Could not fetch {artifact} from Maven Central ({error}).\n{output[-3000:]}\n"
            "Check that Maven reaches it, or set ELASTICSEARCH_URL to a running "
            "Elasticsearch 8 node."
        ) from error
    (archive,) = into.glob("*.zip")
    return archive


def _unpack(archive: Path, into: Path) -> None:
    """Unzip keeping the executable bits, which `zipfile` alone drops."""
    with zipfile.ZipFile(archive) as zipped:
        for member in zipped.infolist():
            target = Path(zipped.extract(member, into))
            mode = (member.external_attr >> 16) & 0o777
            target.chmod(0o755 if member.is_dir() else (mode or 0o644) | 0o444)


PLUGIN_SOURCE = Path(__file__).resolve().parents[2] / "search" / "es_analysis_plugin"


def analysis_plugin() -> Path:
    """Build the French analysis plugin the minimal distribution lacks (see its README)."""
    print("tests.services: building the analysis plugin with Maven", flush=True)
    try:
        subprocess.run(
            ["mvn", "-B", "-q", "-Dstyle.color=never", "package"],
            cwd=PLUGIN_SOURCE,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        output = getattr(error, "stdout", "") or ""
        raise ServiceUnavailable(
            f"Could not build {PLUGIN_SOURCE} ({error}).\n{output[-3000:]}"
        ) from error
    (archive,) = (PLUGIN_SOURCE / "target").glob("reemploi-analysis-*.zip")
    return archive


def install_plugin(home: Path, plugin: Path) -> None:
    """Install a plugin zip into the cached distribution, again whenever the zip changed."""
    digest = hashlib.sha256(plugin.read_bytes()).hexdigest()
    marker = home / f".{plugin.stem}.sha256"
    if marker.exists() and marker.read_text() == digest:
        return
    name = plugin.stem.rsplit("-", 1)[0]  # reemploi-analysis-8.19.4 → reemploi-analysis
    tool = home / "bin" / "elasticsearch-plugin"
    env = {**os.environ, "ES_JAVA_HOME": str(java_home())}
    with _locked(cache_dir()):
        if (home / "plugins" / name).exists():
            subprocess.run([tool, "remove", name], env=env, check=True, capture_output=True)
        subprocess.run(
            [tool, "install", "--batch", plugin.as_uri()], env=env, check=True, capture_output=True
        )
        marker.write_text(digest)
