"""The production stack on this machine: the same files as docker-compose.yml, other ports.

The constants below are what tests/test_docker_compose.py compares with the compose
file: the start commands, the nginx template and the settings module.
"""

from __future__ import annotations

import os
import secrets
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.services import provision
from tests.services.system import ServiceUnavailable, die_with_parent, free_ports, stop, tail

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = "reemploi/deploy"
SETTINGS_MODULE = "reemploi.settings.production"
WEB_COMMAND = ["sh", f"{DEPLOY}/web.sh"]
WORKER_COMMAND = ["sh", f"{DEPLOY}/worker.sh"]
# The compose `outbox` service: the index updates left by an outage, every minute.
OUTBOX_COMMAND = ["python", "manage.py", "search_apply_outbox", "--every", "60"]
BACKUP_COMMAND = ["sh", f"{DEPLOY}/backup.sh"]
RESTORE_COMMAND = ["sh", f"{DEPLOY}/restore.sh"]
NGINX_TEMPLATE = f"{DEPLOY}/nginx/default.conf.template"
HEALTHCHECK = f"{DEPLOY}/healthcheck.py"
HOST = "localhost"  # the certificate's name, ALLOWED_HOSTS and SITE_URL
START_TIMEOUT = 300.0  # a first migrate takes 50-60 s, over 120 s when the machine is busy


@dataclass
class Stack:
    """Where the check's site lives and how to reach it."""

    workdir: Path
    env: dict[str, str]
    https_port: int
    http_port: int
    certificate: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    @property
    def media_root(self) -> Path:
        return Path(self.env["MEDIA_ROOT"])

    def manage(self, *args: str, timeout: float = 300) -> str:
        """Run a manage.py command with the production settings; its output, or fail."""
        argv = [sys.executable, "manage.py", *args]
        return self.run(argv, what=f"manage.py {args[0]}", timeout=timeout)

    def run(self, argv: list[str], *, what: str, timeout: float = 300) -> str:
        result = subprocess.run(
            argv, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise AssertionError(
                f"{what} failed (exit {result.returncode}):\n"
                f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
            )
        return result.stdout

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> None:
        log = self.workdir / f"{name}.log"
        with log.open("ab") as out:
            self.processes[name] = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=env or self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=die_with_parent(signal.SIGTERM),
            )

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is not None:
            stop(process, stop_signal=signal.SIGTERM, timeout=20)

    def stop_all(self) -> None:
        for name in list(self.processes)[::-1]:
            self.stop(name)

    def start_site(self) -> None:
        """web.sh (migrate, createcachetable, collectstatic, gunicorn), worker.sh, the outbox."""
        self.start("web", WEB_COMMAND)
        self.wait_until_healthy()
        self.start("worker", WORKER_COMMAND)
        self.start("outbox", OUTBOX_COMMAND)

    def wait_until_healthy(self) -> None:
        """Until /sante/ answers 200 through nginx, as compose's healthcheck waits."""
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            web = self.processes["web"]
            if web.poll() is not None:
                raise AssertionError(f"web.sh exited ({web.returncode}):\n{self.log('web')}")
            if self.health_status() == 200:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"not healthy after {START_TIMEOUT:.0f} s:\n{self.log('web')}")
            time.sleep(0.25)

    def health_status(self) -> int | None:
        request = urllib.request.Request(f"{self.url}/sante/")
        try:
            with urllib.request.urlopen(request, timeout=5, context=self.tls()) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def tls(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.certificate))

    def log(self, name: str) -> str:
        return tail(self.workdir / f"{name}.log", 40)


def production_env(
    workdir: Path, database_url: str, elasticsearch_url: str, smtp_port: int, ports: dict
) -> dict[str, str]:
    """The variables a territory writes in .env, with this machine's addresses."""
    site = f"https://{HOST}:{ports['https']}"
    bin_dir = Path(sys.executable).parent
    return {
        "PATH": f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": os.environ.get("HOME", "/root"),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": site,
        "CSRF_TRUSTED_ORIGINS": site,
        "TRUSTED_PROXIES": "127.0.0.1/32",  # nginx and gunicorn share this machine
        "DATABASE_URL": database_url,
        "DB_PERSISTENT": "true",
        "ELASTICSEARCH_URL": elasticsearch_url,
        "ELASTICSEARCH_INDEX": "production-check-lots",
        "WAGTAILSEARCH_INDEX_PREFIX": "production-check-pages-",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "DEFAULT_FROM_EMAIL": "Réemploi GOSB <noreply@localhost>",
        "GEOCODER": "offline",  # no internet here: the commune gazetteer answers
        "GEOCODER_CACHE": "database",
        "GUNICORN_BIND": f"127.0.0.1:{ports['gunicorn']}",
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
    }


def nginx_variables(stack_dir: Path, env: dict[str, str], ports: dict) -> dict[str, str]:
    """What compose's proxy service sets, for this machine (same names, other values)."""
    return {
        "NGINX_HTTP_LISTEN": f"127.0.0.1:{ports['http']}",
        "NGINX_HTTPS_LISTEN": f"127.0.0.1:{ports['https']}",
        "NGINX_SERVER_NAME": HOST,
        "NGINX_UPSTREAM": env["GUNICORN_BIND"],
        "NGINX_STATIC_ROOT": env["STATIC_ROOT"],
        "NGINX_MEDIA_ROOT": env["MEDIA_ROOT"],
        "NGINX_TLS_CERTIFICATE": str(stack_dir / "tls" / "certificate.pem"),
        "NGINX_TLS_CERTIFICATE_KEY": str(stack_dir / "tls" / "key.pem"),
    }


def render_template(template: Path, variables: dict[str, str], into: Path) -> None:
    """envsubst with the variables named, as the official image's entrypoint runs it."""
    names = " ".join(f"${{{name}}}" for name in variables)
    with template.open("rb") as source, into.open("wb") as target:
        subprocess.run(
            ["envsubst", names],
            stdin=source,
            stdout=target,
            env={**variables, "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            check=True,
        )


def self_signed_certificate(folder: Path) -> Path:
    folder.mkdir()
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1"),
            *("-keyout", folder / "key.pem", "-out", folder / "certificate.pem"),
        ],
        check=True,
        capture_output=True,
    )
    return folder / "certificate.pem"


def _nginx_main(folder: Path, site_config: Path) -> str:
    """The official image's /etc/nginx/nginx.conf, with every path under `folder`."""
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 2;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 512; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    sendfile on;\n    access_log {folder / 'access.log'};\n{temp}\n"
        f"    include {site_config};\n}}\n"
    )


@contextmanager
def running_stack(
    workdir: Path,
    database_url: str,
    elasticsearch_url: str,
    smtp_port: int,
    overrides: dict[str, str] | None = None,
) -> Iterator[Stack]:
    """nginx in front, then the site's processes started by the caller; all stopped on exit.

    `overrides` changes variables of the site's environment (the benchmark's workers)."""
    nginx = provision.nginx_path()
    if not nginx.exists():
        raise ServiceUnavailable(f"No nginx at {nginx}: `apt-get install nginx`.")
    gunicorn, http, https = free_ports(3)
    ports = {"gunicorn": gunicorn, "http": http, "https": https}
    env = production_env(workdir, database_url, elasticsearch_url, smtp_port, ports)
    env.update(overrides or {})
    for folder in ("media", "static", "backups"):
        (workdir / folder).mkdir()
    certificate = self_signed_certificate(workdir / "tls")
    proxy_dir = workdir / "nginx"
    proxy_dir.mkdir()
    site_config = proxy_dir / "default.conf"
    render_template(ROOT / NGINX_TEMPLATE, nginx_variables(workdir, env, ports), site_config)
    (proxy_dir / "nginx.conf").write_text(_nginx_main(proxy_dir, site_config))
    stack = Stack(workdir, env, https, http, certificate)
    try:
        stack.run(
            [
                str(nginx),
                "-t",
                "-q",
                "-p",
                str(proxy_dir),
                "-e",
                str(proxy_dir / "error.log"),
                "-c",
                str(proxy_dir / "nginx.conf"),
            ],
            what="nginx -t",
        )
        stack.start(
            "nginx",
            [
                str(nginx),
                "-p",
                str(proxy_dir),
                "-e",
                str(proxy_dir / "error.log"),
                "-c",
                str(proxy_dir / "nginx.conf"),
                "-g",
                "daemon off;",
            ],
        )
        yield stack
    finally:
        stack.stop_all()
