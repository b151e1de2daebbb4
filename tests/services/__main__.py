"""`python -m tests.services [pytest args]`: the suite on real services, then on SQLite.

Pass 1 runs everything on PostgreSQL, Elasticsearch and Chromium; pass 2 runs the
tests that need none of them again on SQLite with the database search backend
(the embedded default). Services given by DATABASE_URL / ELASTICSEARCH_URL are
used as they are; the others are installed if missing, started for the session
in a temporary folder, and stopped at the end whatever happens.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import provision
from .elasticsearch import elasticsearch_node
from .postgres import is_postgres_url, postgres_server
from .system import Account, ServiceUnavailable, die_with_parent, service_account
from .tally import OUTCOMES, TALLY_FILE

SQLITE_PASS_MARKERS = "not browser and not elasticsearch and not postgres"
NO_TESTS_COLLECTED = 5


def say(message: str) -> None:
    print(f"tests.services: {message}", flush=True)


@dataclass
class Outcome:
    label: str
    exit_code: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    empty_ok: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 or (self.empty_ok and self.exit_code == NO_TESTS_COLLECTED)

    def line(self) -> str:
        shown = ", ".join(
            f"{self.counts.get(key, 0)} {key}" for key in OUTCOMES if self.counts.get(key)
        )
        verdict = "ok" if self.ok else "FAILED"
        if self.exit_code == NO_TESTS_COLLECTED:
            verdict += " (no tests collected)"
        return (
            f"{self.label}: {shown or 'no tests'} in {self.seconds:.1f} s, "
            f"exit {self.exit_code}: {verdict}"
        )


def main(pytest_args: list[str]) -> int:
    _turn_signals_into_interrupts()
    outcomes: list[Outcome] = []
    try:
        with ExitStack() as stack:
            account = service_account()
            workdir = stack.enter_context(_session_dir(account))
            label, services = _start_services(stack, workdir, account)
            outcomes.append(
                _run_pytest(
                    f"pass 1/3 on {label}",
                    {**services, TALLY_FILE: str(workdir / "pass1.json")},
                    pytest_args,
                )
            )
            outcomes.append(
                _run_pytest(
                    "pass 2/3 on SQLite, database search (no browser/elasticsearch/postgres tests)",
                    {
                        "DATABASE_URL": f"sqlite:///{workdir / 'test.sqlite3'}",
                        "ELASTICSEARCH_URL": "",
                        TALLY_FILE: str(workdir / "pass2.json"),
                    },
                    ["-m", SQLITE_PASS_MARKERS, *pytest_args],
                    empty_ok=True,  # e.g. only browser tests were asked for
                )
            )
            if os.environ.get("PRODUCTION_CHECK", "1") != "0":
                outcomes.append(_run_production_check(services, account))
            else:
                say("pass 3/3, the production check: not run (PRODUCTION_CHECK=0)")
    except ServiceUnavailable as error:
        say(f"a test service could not be had.\n{error}")
        return 2
    except KeyboardInterrupt:
        say("interrupted; the services were stopped.")
        return 130
    for outcome in outcomes:
        say(outcome.line())
    failed = sum(o.counts.get("failed", 0) + o.counts.get("error", 0) for o in outcomes)
    skipped = sum(o.counts.get("skipped", 0) for o in outcomes)
    passed = sum(o.counts.get("passed", 0) for o in outcomes)
    print(f"total: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 0 if all(outcome.ok for outcome in outcomes) else 1


def _run_production_check(services: dict[str, str], account: Account) -> Outcome:
    """Pass 3: `make production-check` on this session's PostgreSQL and Elasticsearch."""
    from tests.production.__main__ import production_workdir, run_check

    label = "pass 3/3, the production check (nginx, gunicorn, worker; tests/production)"
    say(label)
    started = time.monotonic()
    with production_workdir() as workdir:
        passed, total = run_check(
            workdir, services["DATABASE_URL"], services["ELASTICSEARCH_URL"], started
        )
    counts = {"passed": passed, "failed": total - passed}
    return Outcome(label, 0 if passed == total else 1, time.monotonic() - started, counts)


def _turn_signals_into_interrupts() -> None:
    """SIGTERM and SIGHUP unwind like Ctrl-C, so every `finally` stops its service."""

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)


@contextmanager
def _session_dir(account: Account) -> Iterator[Path]:
    """A fresh folder per session: two runs in a row, or side by side, never share state."""
    workdir = Path(tempfile.mkdtemp(prefix="reemploi-tests-"))
    try:
        account.owns(workdir)
        yield workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _start_services(
    stack: ExitStack, workdir: Path, account: Account
) -> tuple[str, dict[str, str]]:
    """Install what is missing, start what the environment does not give.

    Returns a label naming the services and the variables that point pytest at them.
    """
    database_url = os.environ.get("DATABASE_URL", "")
    elasticsearch_url = os.environ.get("ELASTICSEARCH_URL", "")
    own_postgres = not is_postgres_url(database_url)
    own_elasticsearch = not elasticsearch_url

    started = time.monotonic()
    missing = provision.missing_debian_packages(
        postgresql=own_postgres, elasticsearch=own_elasticsearch, chromium=True, proxy=True
    )
    provision.install_debian_packages(missing)
    es_home = provision.elasticsearch_home() if own_elasticsearch else None
    if es_home is not None:
        provision.install_plugin(es_home, provision.analysis_plugin())
    if not provision.chromium_path().exists():
        raise ServiceUnavailable(
            f"No Chromium at {provision.chromium_path()}: `apt-get install chromium`, "
            "or set CHROMIUM_PATH to a Chromium or Chrome binary."
        )
    say(f"provisioning checked in {time.monotonic() - started:.1f} s")

    labels = []
    if own_postgres:
        started = time.monotonic()
        server = stack.enter_context(postgres_server(workdir, account))
        database_url = server.url
        say(f"PostgreSQL {server.version} ready in {time.monotonic() - started:.1f} s")
        labels.append(f"PostgreSQL {server.version}")
    else:
        labels.append("PostgreSQL from DATABASE_URL")
    if es_home is not None:
        java_home = provision.java_home()
        assert java_home is not None  # provisioned above
        started = time.monotonic()
        elasticsearch_url = stack.enter_context(
            elasticsearch_node(es_home, java_home, workdir, account)
        )
        say(f"Elasticsearch {provision.ES_VERSION} ready in {time.monotonic() - started:.1f} s")
        labels.append(f"Elasticsearch {provision.ES_VERSION}")
    else:
        labels.append(f"Elasticsearch at {elasticsearch_url}")
    labels.append("Chromium")
    variables = {"DATABASE_URL": database_url, "ELASTICSEARCH_URL": elasticsearch_url}
    return " + ".join(labels), variables


def _run_pytest(
    label: str, variables: dict[str, str], args: list[str], empty_ok: bool = False
) -> Outcome:
    say(f"{label}: pytest {' '.join(args)}")
    command = [sys.executable, "-m", "pytest", "-p", "tests.services.tally", *args]
    started = time.monotonic()
    process = subprocess.Popen(
        command, env={**os.environ, **variables}, preexec_fn=die_with_parent(signal.SIGTERM)
    )
    try:
        exit_code = process.wait()
    except KeyboardInterrupt as interruption:
        # A Ctrl-C reached pytest too (same process group); SIGTERM or SIGHUP did not.
        if interruption.args:
            process.send_signal(signal.SIGINT)
        try:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)  # pytest unwinds its fixtures: live server, browser
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        raise
    tally = Path(variables[TALLY_FILE])
    counts = json.loads(tally.read_text()) if tally.exists() else {}
    return Outcome(label, exit_code, time.monotonic() - started, counts, empty_ok)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
