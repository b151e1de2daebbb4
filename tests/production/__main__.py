"""`python -m tests.production` (`make production-check`): start the production stack, walk it.

Prints each step with its time, then `production-check: N/N steps passed`. With
DATABASE_URL / ELASTICSEARCH_URL set, those servers are used (the check makes its own
database on that PostgreSQL server); otherwise both are started as `make test` does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.services import provision
from tests.services.elasticsearch import elasticsearch_node
from tests.services.postgres import is_postgres_url, postgres_server
from tests.services.system import Account, ServiceUnavailable, service_account

from .mailbox import smtp_server
from .stack import running_stack
from .walk import STEPS, Walk

DATABASE = "reemploi_production_check"


def say(message: str) -> None:
    print(f"production-check: {message}", flush=True)


def main() -> int:
    from tests.services.__main__ import _turn_signals_into_interrupts

    _turn_signals_into_interrupts()
    started = time.monotonic()
    try:
        with ExitStack() as stack:
            account = service_account()
            workdir = stack.enter_context(production_workdir())
            database_url, elasticsearch_url = _services(stack, workdir, account)
            say(f"PostgreSQL and Elasticsearch ready in {time.monotonic() - started:.1f} s")
            passed, total = run_check(workdir, database_url, elasticsearch_url, started)
    except ServiceUnavailable as error:
        say(f"a service could not be had.\n{error}")
        return 2
    except KeyboardInterrupt:
        say("interrupted; everything was stopped.")
        return 130
    return 0 if passed == total else 1


def run_check(
    workdir: Path, server_url: str, elasticsearch_url: str, started: float | None = None
) -> tuple[int, int]:
    """Start the stack on a database of its own on `server_url`'s server, walk it; the count."""
    started = time.monotonic() if started is None else started
    database_url = _own_database(server_url)
    passed = 0
    total = len(STEPS) + 1  # the start is a step too
    with (
        smtp_server() as (mailbox, smtp_port),
        running_stack(workdir, database_url, elasticsearch_url, smtp_port) as site,
    ):
        walk = Walk(site, mailbox)
        if _step(
            1,
            total,
            "start: web.sh (migrate, createcachetable, collectstatic, gunicorn), worker.sh, nginx",
            site.start_site,
        ):
            passed += 1
            say(f"site served through nginx {time.monotonic() - started:.1f} s after the start")
            for number, (label, step) in enumerate(STEPS, start=2):
                if not _step(number, total, label, lambda step=step: step(walk)):
                    _show_logs(site)
                    break
                passed += 1
        else:
            _show_logs(site)
    say(f"{passed}/{total} steps passed in {time.monotonic() - started:.1f} s")
    print(f"production-check: {passed}/{total} steps passed", flush=True)
    return passed, total


def _step(number: int, total: int, label: str, action) -> bool:
    started = time.monotonic()
    try:
        detail = action()
    except Exception as error:  # a failed step says why, and the walk stops there
        seconds = time.monotonic() - started
        print(f"  {number:2}/{total} {label}: FAILED after {seconds:.1f} s", flush=True)
        print("".join(traceback.format_exception_only(error)).rstrip(), flush=True)
        if not isinstance(error, AssertionError):
            traceback.print_exc()
        return False
    seconds = time.monotonic() - started
    print(
        f"  {number:2}/{total} {label}: ok in {seconds:.1f} s" + (f" ({detail})" if detail else ""),
        flush=True,
    )
    return True


def _show_logs(site) -> None:
    for name in ("web", "worker", "outbox", "nginx"):
        print(f"--- last lines of {name}.log ---\n{site.log(name)}", flush=True)


def _own_database(server_url: str) -> str:
    """A fresh database beside the server's own, so dropping it touches nothing else."""
    parts = urllib.parse.urlsplit(server_url)
    admin = parts._replace(path="/postgres").geturl()
    for command in (["dropdb", "--if-exists", "--force"], ["createdb"]):
        subprocess.run([*command, f"--maintenance-db={admin}", DATABASE], check=True)
    return parts._replace(path=f"/{DATABASE}").geturl()


@contextmanager
def production_workdir() -> Iterator[Path]:
    # Readable by nginx's workers (nobody) and traversable by the servers' account.
    workdir = Path(tempfile.mkdtemp(prefix="reemploi-production-"))
    workdir.chmod(0o755)
    try:
        yield workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _services(stack: ExitStack, workdir: Path, account: Account) -> tuple[str, str]:
    database_url = os.environ.get("DATABASE_URL", "")
    elasticsearch_url = os.environ.get("ELASTICSEARCH_URL", "")
    own_postgres = not is_postgres_url(database_url)
    own_elasticsearch = not elasticsearch_url
    provision.install_debian_packages(
        provision.missing_debian_packages(
            postgresql=own_postgres, elasticsearch=own_elasticsearch, chromium=False, proxy=True
        )
    )
    if own_postgres:
        database_url = stack.enter_context(postgres_server(workdir, account)).url
    if own_elasticsearch:
        home = provision.elasticsearch_home()
        provision.install_plugin(home, provision.analysis_plugin())
        java_home = provision.java_home()
        assert java_home is not None  # provisioned above
        elasticsearch_url = stack.enter_context(
            elasticsearch_node(home, java_home, workdir, account)
        )
    return database_url, elasticsearch_url


if __name__ == "__main__":
    sys.exit(main())
