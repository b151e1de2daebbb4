"""A single-node Elasticsearch for one test session, from the cached distribution."""

from __future__ import annotations

import json
import os
import shutil
import signal
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .system import SERVERS, Account, Server, ServiceUnavailable, free_ports, spawn

# A cold JVM on a busy 2-core machine takes 10 to 30 s; leave room.
START_TIMEOUT = 180.0
HEAP = "512m"
HINT = "Set ELASTICSEARCH_URL=http://host:9200 to use an Elasticsearch 8 node you already run."


def _settings(root: Path, http_port: int, transport_port: int) -> str:
    settings = {
        "cluster.name": f"reemploi-tests-{http_port}",
        "node.name": "reemploi-tests",
        "discovery.type": "single-node",
        # Loopback only, so no TLS and no passwords: the tests talk plain HTTP.
        "xpack.security.enabled": "false",
        "network.host": "127.0.0.1",
        "http.port": str(http_port),
        "transport.port": str(transport_port),
        "path.data": str(root / "data"),
        "path.logs": str(root / "logs"),
        # A nearly full disk on a developer's machine must not turn indices read-only.
        "cluster.routing.allocation.disk.threshold_enabled": "false",
        # Tests clean up with wildcards (test-*).
        "action.destructive_requires_name": "false",
    }
    return "".join(f"{key}: {value}\n" for key, value in settings.items())


@contextmanager
def elasticsearch_node(
    home: Path, java_home: Path, workdir: Path, account: Account
) -> Iterator[str]:
    """Start a node with its own config, data and logs under `workdir`; yield its URL."""
    root = workdir / "elasticsearch"
    shutil.copytree(home / "config", root / "config")
    for folder in ("data", "logs", "tmp"):
        (root / folder).mkdir()
    http_port, transport_port = free_ports(2)
    (root / "config" / "elasticsearch.yml").write_text(_settings(root, http_port, transport_port))
    (root / "config" / "jvm.options.d" / "heap.options").write_text(f"-Xms{HEAP}\n-Xmx{HEAP}\n")
    account.owns(root)

    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root),
        "LANG": "C.UTF-8",
        "ES_JAVA_HOME": str(java_home),
        "ES_PATH_CONF": str(root / "config"),
        "ES_TMPDIR": str(root / "tmp"),
        # The launcher JVM writes its own temporary files (final-flags*): keep them here too.
        "CLI_JAVA_OPTS": f"-Djava.io.tmpdir={root / 'tmp'}",
    }
    log = root / "console.log"
    url = f"http://127.0.0.1:{http_port}"
    # The launcher starts the server JVM as its child and stops it on SIGTERM.
    server = Server(
        what=f"Elasticsearch (cluster health yellow at {url})",
        launch=lambda: spawn(
            [home / "bin" / "elasticsearch"],
            account=account,
            env=env,
            log=log,
            stop_signal=signal.SIGTERM,
        ),
        ready=lambda: _is_yellow(url),
        stop_signal=signal.SIGTERM,
        log=log,
        start_timeout=START_TIMEOUT,
    )
    SERVERS[http_port] = server
    try:
        try:
            server.start()
        except ServiceUnavailable as error:
            raise ServiceUnavailable(f"{error}\n{HINT}") from None
        yield url
    finally:
        server.stop(timeout=30)
        SERVERS.pop(http_port, None)


def _is_yellow(url: str) -> bool:
    try:
        with urllib.request.urlopen(
            f"{url}/_cluster/health?wait_for_status=yellow&timeout=1s", timeout=5
        ) as response:
            health = json.load(response)
    except (OSError, ValueError):  # not listening yet, or not answering JSON yet
        return False
    return not health.get("timed_out") and health.get("status") in {"yellow", "green"}
