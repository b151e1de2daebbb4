"""A throw-away PostgreSQL cluster for one test session."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .system import SERVERS, Account, Server, ServiceUnavailable, free_ports, run_as, spawn

DATABASE = "reemploi"
START_TIMEOUT = 60.0
HINT = (
    "Install PostgreSQL (`apt-get install postgresql`) or point the tests at a server "
    "with DATABASE_URL=postgres://user:password@host:port/name."
)


def bindir() -> Path | None:
    """The newest installed server's bin folder (Debian's layout), or None."""
    found = [path.parent for path in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    return max(found, key=lambda path: int(path.parent.name), default=None)


def is_postgres_url(url: str) -> bool:
    return url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql", "postgis"}


@dataclass(frozen=True)
class Postgres:
    url: str
    version: str


@contextmanager
def postgres_server(workdir: Path, account: Account) -> Iterator[Postgres]:
    """Start a new cluster on a free loopback port, create the database, stop it on exit."""
    bin_ = bindir()
    if bin_ is None:
        raise ServiceUnavailable(f"PostgreSQL is not installed. {HINT}")
    root = workdir / "postgres"
    root.mkdir()
    password = secrets.token_urlsafe(18)
    (root / "password").write_text(password)
    account.owns(root)

    # No fsync anywhere: the cluster dies with the session, speed is all that matters.
    run_as(
        account,
        [
            *(bin_ / "initdb", f"--pgdata={root / 'data'}", "--username=postgres"),
            *(f"--pwfile={root / 'password'}", "--auth-local=trust", "--auth-host=scram-sha-256"),
            *("--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"),
        ],
        "initdb",
        env=_env(root),
    )
    (port,) = free_ports(1)
    log = root / "postgres.log"
    client_env = {**os.environ, "PGPASSWORD": password}
    server = Server(
        what="PostgreSQL",
        launch=lambda: spawn(
            [
                *(bin_ / "postgres", "-D", root / "data", "-p", port, "-k", root),
                *("-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"),
                *("-c", "synchronous_commit=off", "-c", "full_page_writes=off"),
            ],
            account=account,
            env=_env(root),
            log=log,
            stop_signal=signal.SIGINT,  # "fast" shutdown: roll back sessions, exit
        ),
        ready=lambda: _accepts_connections(bin_, port, client_env),
        stop_signal=signal.SIGINT,
        log=log,
        start_timeout=START_TIMEOUT,
    )
    SERVERS[port] = server
    try:
        try:
            server.start()
        except ServiceUnavailable as error:
            raise ServiceUnavailable(f"{error}\n{HINT}") from None
        subprocess.run(
            [bin_ / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", DATABASE],
            env=client_env,
            check=True,
        )
        url = f"postgres://postgres:{password}@127.0.0.1:{port}/{DATABASE}"
        yield Postgres(url=url, version=bin_.parent.name)
    finally:
        server.stop(timeout=20)
        SERVERS.pop(port, None)


def _env(root: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(root), "LC_ALL": "C.UTF-8"}


def _accepts_connections(bin_: Path, port: int, env: dict[str, str]) -> bool:
    probe = [bin_ / "pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"]
    return subprocess.run(probe, env=env, check=False).returncode == 0
