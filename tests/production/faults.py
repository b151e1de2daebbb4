"""The fault run: the production stack under load while its services fail.

With visitors going through nginx (tests/production/traffic.py) and a stream of lot edits
(tests/production/changes.py), it (a) hangs Elasticsearch (SIGSTOP of its JVM, then
SIGCONT), (b) kills it (SIGKILL) and starts it again, (c) restarts PostgreSQL, (d) kills the
task worker while it holds a batch of the outbox, and starts it again. It counts the 5xx
answers of each phase and the lost updates: every edit must be in Elasticsearch within
SEARCHABLE_WITHIN seconds of the service's return, and at the end `search_reconcile`
must find the index equal to the database. Used by the production check (a small run)
and by `make bench` (the full one).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

import psycopg
import requests

from tests.search.hung import pid_listening_on
from tests.services.system import SERVERS, die_with_parent

from .stack import ROOT, WORKER_COMMAND, Stack
from .traffic import Traffic

SEARCHABLE_WITHIN = 120.0  # seconds after the service's return (issue 17)
# Two timeouts a worker waited closer than the cooling period, less this much, break the
# rule "at most one per cooling period": the client's clock sees a request's start before
# the worker does (nginx and gunicorn's queue), by a few seconds on a saturated machine.
QUEUE_TOLERANCE = 5.0
ES_FAULTS = ("elasticsearch hung", "elasticsearch killed", "worker killed")


@dataclass(frozen=True)
class Sizes:
    lots: int
    clients: int  # concurrent visitors
    edits_per_second: float
    hang_seconds: float
    down_seconds: float  # Elasticsearch dead before it is started again


SMALL = Sizes(lots=10_000, clients=3, edits_per_second=5, hang_seconds=10, down_seconds=5)
FULL = Sizes(lots=100_000, clients=8, edits_per_second=20, hang_seconds=30, down_seconds=20)


@dataclass
class Edit:
    lot: int
    title: str
    at: float
    phase: str
    seen_after: float | None = None  # seconds from max(return, edit) to the index having it
    late: bool = False  # not in the index SEARCHABLE_WITHIN seconds after the return: lost


@dataclass
class Phase:
    name: str
    started_at: float = 0.0
    returned_at: float = 0.0
    seconds: float = 0.0
    note: str = ""


@dataclass
class Report:
    phases: list[Phase] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    refused_edits: Counter = field(default_factory=Counter)  # by phase: the database said no
    statuses: dict[str, Counter] = field(default_factory=dict)
    latencies: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    waits: dict[str, dict[int, list[float]]] = field(default_factory=dict)  # timeouts, per pid
    cooling: float = 30.0
    reconcile: str = ""
    failures: list[str] = field(default_factory=list)  # faults that could not be made
    seconds: float = 0.0

    def server_errors(self, phases) -> int:
        return sum(
            count
            for phase in phases
            for status, count in self.statuses.get(phase, Counter()).items()
            if status.rsplit(":", 1)[-1].startswith("5")
        )

    def repeated_waits(self, phase: str) -> list[tuple[int, float]]:
        """(pid, seconds apart) for each worker's two timeouts closer than a cooling period."""
        return [
            (pid, later - earlier)
            for pid, times in self.waits.get(phase, {}).items()
            for earlier, later in itertools.pairwise(times)
            if later - earlier < self.cooling - QUEUE_TOLERANCE
        ]

    def lost(self) -> list[Edit]:
        return [edit for edit in self.edits if edit.late or edit.seen_after is None]

    def edits_while_elasticsearch_away(self) -> int:
        """Edits made between a fault of Elasticsearch and its return."""
        away = [p for p in self.phases if p.name in ES_FAULTS[:2]]
        return sum(1 for e in self.edits for p in away if p.started_at <= e.at <= p.returned_at)

    def lines(self) -> list[str]:
        lines = []
        for phase in self.phases:
            edits = [e for e in self.edits if e.phase == phase.name]
            slowest = max((e.seen_after or 0 for e in edits), default=0)
            shown = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses[phase.name].items()))
            p95, longest, over = self.latencies[phase.name]
            lines.append(
                f"{phase.name} ({phase.seconds:.0f} s{', ' + phase.note if phase.note else ''}): "
                f"answers {shown or 'none'}; pages p95 {p95:.2f} s, longest {longest:.1f} s, "
                f"{over} over 2 s; {self._waits_line(phase.name)}; {len(edits)} edits "
                f"({self.refused_edits[phase.name]} refused by the database), "
                f"{sum(e.late or e.seen_after is None for e in edits)} lost, "
                f"the slowest searchable {slowest:.1f} s after the return"
            )
        lines.append(f"search_reconcile after the run: {self.reconcile}")
        return lines

    def _waits_line(self, phase: str) -> str:
        waits = self.waits.get(phase, {})
        if not waits:
            return "no timeout waited"
        per_worker = ", ".join(f"{pid}: {len(times)}" for pid, times in sorted(waits.items()))
        repeated = len(self.repeated_waits(phase))
        return f"timeouts waited per worker {per_worker} ({repeated} within a cooling period)"


class ChangeStream:
    """tests/production/changes.py as a child process; its edits kept with their phase."""

    def __init__(self, stack: Stack, report: Report) -> None:
        self.report = report
        self.phase = "baseline"
        env = {**stack.env, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.production.changes"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=die_with_parent(signal.SIGTERM),
        )
        self._reader = threading.Thread(target=self._read)
        self._reader.start()

    def rate(self, per_second: float) -> None:
        self.process.stdin.write(f"{per_second}\n")
        self.process.stdin.flush()

    def _read(self) -> None:
        for line in self.process.stdout:
            change = json.loads(line)
            if "error" in change:
                self.report.refused_edits[self.phase] += 1
            else:
                self.report.edits.append(
                    Edit(change["lot"], change["title"], change["at"], self.phase)
                )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self._reader.join()


class FaultRun:
    def __init__(self, stack: Stack, sizes: Sizes, say) -> None:
        self.stack, self.sizes, self.say = stack, sizes, say
        self.es_url = stack.env["ELASTICSEARCH_URL"]
        self.alias = stack.env["ELASTICSEARCH_INDEX"]
        self.database_url = stack.env["DATABASE_URL"]
        self.report = Report()

    def prepare(self) -> str:
        """The lots (the demo's structures, then synthetic ones) and the index rebuilt."""
        started = time.monotonic()
        lots = str(self.sizes.lots)
        self.stack.manage("load_demo", "--lots", "0", "--synthetic", lots, timeout=3600)
        self.stack.manage("search_rebuild", timeout=1800)  # load_demo wrote the terms
        seconds = time.monotonic() - started
        return f"{self.sizes.lots} synthetic lots loaded and indexed in {seconds:.0f} s"

    def run(self) -> Report:
        started = time.monotonic()
        es_server = SERVERS.get(urllib.parse.urlsplit(self.es_url).port)
        pg_server = SERVERS.get(urllib.parse.urlsplit(self.database_url).port)
        if es_server is None or pg_server is None:
            raise AssertionError("the fault run needs the PostgreSQL and Elasticsearch it started")
        traffic = Traffic(self.stack, self.sizes.clients)
        changes = ChangeStream(self.stack, self.report)
        traffic.start()
        changes.rate(self.sizes.edits_per_second)
        try:
            self._phase(traffic, changes, "baseline", self._baseline)
            self._phase(traffic, changes, "elasticsearch hung", self._hang)
            self._phase(traffic, changes, "elasticsearch killed", lambda: self._kill(es_server))
            self._phase(traffic, changes, "postgresql restarted", lambda: self._restart(pg_server))
            self._phase(traffic, changes, "worker killed", self._kill_worker)
        finally:
            changes.rate(0)
            time.sleep(2)  # the edit in progress commits and is reported
            traffic.stop()
            changes.stop()
        self._wait_searchable(time.time())
        self._until_outbox_empty()
        for phase in self.report.phases:
            self.report.statuses[phase.name] = traffic.statuses(phase.name)
            self.report.latencies[phase.name] = traffic.slowest(phase.name)
            self.report.waits[phase.name] = traffic.timeout_waits(phase.name)
        self.report.cooling = float(self.stack.env.get("SEARCH_BREAKER_COOLING", "30"))
        self.report.reconcile = self._reconcile()
        self.report.seconds = time.monotonic() - started
        return self.report

    # -- the phases ------------------------------------------------------------------------

    def _phase(self, traffic: Traffic, changes: ChangeStream, name: str, fault) -> None:
        phase = Phase(name)
        self.report.phases.append(phase)
        traffic.phase = changes.phase = name
        started = time.monotonic()
        phase.started_at = time.time()
        try:
            phase.note = fault() or ""
        except AssertionError as error:  # the fault could not be made: said, and failed
            phase.note = f"FAILED: {error}"
            self.report.failures.append(f"{name}: {error}")
        phase.returned_at = time.time()
        self._wait_searchable(phase.returned_at)
        phase.seconds = time.monotonic() - started
        waited = time.time()
        edits = [e for e in self.report.edits if phase.started_at <= e.at <= waited]
        lost = sum(e.late or e.seen_after is None for e in edits)
        slowest = max((e.seen_after or 0 for e in edits), default=0)
        self.say(
            f"  {name}: {phase.seconds:.0f} s, {phase.note}; {len(edits)} edits since its "
            f"start, {lost} not searchable, the slowest {slowest:.0f} s after the return"
        )

    def _baseline(self) -> str:
        """Until the stream's first edits (its Django takes a few seconds to start), and 5 s."""
        deadline = time.monotonic() + 120
        while not self.report.edits and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(5)
        return "no fault"

    def _hang(self) -> str:
        pid = pid_listening_on(self.es_url)
        os.kill(pid, signal.SIGSTOP)
        try:
            time.sleep(self.sizes.hang_seconds)
        finally:
            os.kill(pid, signal.SIGCONT)
        return f"stopped {self.sizes.hang_seconds:.0f} s"

    def _kill(self, server) -> str:
        server.kill()
        time.sleep(self.sizes.down_seconds)
        started = time.monotonic()
        server.start()
        seconds = time.monotonic() - started
        return f"dead {self.sizes.down_seconds:.0f} s, started again in {seconds:.0f} s"

    def _restart(self, server) -> str:
        started = time.monotonic()
        server.stop()
        server.start()
        return f"stopped and started in {time.monotonic() - started:.1f} s"

    def _kill_worker(self) -> str:
        deadline = time.monotonic() + 60
        caught = True
        while not self._worker_holds_a_batch():
            if time.monotonic() > deadline:
                # A light stream is drained in milliseconds and may never be caught in the act:
                # the worker is killed all the same, and the kill in the middle of a batch is
                # proved apart (tests/search/test_outbox_drain.py).
                caught = False
                break
            time.sleep(0.02)
        held = self._outbox_rows()
        worker = self.stack.processes.pop("worker")
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        self.stack.start("worker", WORKER_COMMAND)
        if not caught:
            return f"SIGKILL between batches, none seen held in 60 s ({held} rows waiting)"
        return f"SIGKILL while it held a batch ({held} rows waiting)"

    # -- what is measured ------------------------------------------------------------------

    def _wait_searchable(self, returned_at: float) -> None:
        """Until every edit not yet seen is in the index, or past its deadline. An edit that
        a later edit of the same lot replaced counts as seen when the later one is."""
        while True:
            edits = list(self.report.edits)  # the stream goes on appending
            latest = {edit.lot: edit for edit in edits}
            waiting = [edit for edit in latest.values() if edit.seen_after is None]
            now = time.time()
            titles = self._indexed_titles([edit.lot for edit in waiting])
            for edit in waiting:
                if titles.get(edit.lot) == edit.title:
                    edit.seen_after = max(0.0, now - max(returned_at, edit.at))
            for edit in edits:
                replaced_by = latest[edit.lot]
                if edit.seen_after is None and replaced_by.seen_after is not None:
                    edit.seen_after = replaced_by.seen_after
            waiting = [edit for edit in waiting if edit.seen_after is None]
            for edit in waiting:
                edit.late = now > max(returned_at, edit.at) + SEARCHABLE_WITHIN
            if all(edit.late for edit in waiting):
                return
            time.sleep(1)

    def _indexed_titles(self, lots: list[int]) -> dict[int, str]:
        titles = {}
        for start in range(0, len(lots), 1000):
            try:
                answer = requests.post(
                    f"{self.es_url}/{self.alias}/_mget",
                    json={"ids": lots[start : start + 1000]},
                    params={"_source": "title"},
                    timeout=10,
                )
            except requests.RequestException:
                return titles  # not back yet
            if answer.status_code != 200:
                return titles
            for doc in answer.json()["docs"]:
                if doc.get("found"):
                    titles[int(doc["_id"])] = doc["_source"]["title"]
        return titles

    def _worker_holds_a_batch(self) -> bool:
        return bool(
            self._sql(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' "
                "AND query ILIKE '%search_indexoutbox%FOR UPDATE%'"
            )
        )

    def _until_outbox_empty(self) -> None:
        """Before comparing the index with the database: the last edits are drained."""
        deadline = time.monotonic() + SEARCHABLE_WITHIN
        while self._outbox_rows() and time.monotonic() < deadline:
            time.sleep(1)

    def _outbox_rows(self) -> int:
        return self._sql("SELECT count(*) FROM search_indexoutbox")

    def _sql(self, statement: str) -> int:
        with psycopg.connect(self.database_url, connect_timeout=5) as connection:
            return connection.execute(statement).fetchone()[0]

    def _reconcile(self) -> str:
        out = self.stack.manage("search_reconcile")
        found = re.search(r"missing: \d+, stale: \d+, extra: \d+", out)
        return found.group(0) if found else out.strip()[-200:]


def verdict(report: Report) -> list[str]:
    """What fails the run: a 5xx while Elasticsearch or the worker failed, a lost update,
    an index that differs from the database."""
    failures = list(report.failures)
    if errors := report.server_errors(ES_FAULTS):
        failures.append(f"{errors} 5xx answers while Elasticsearch or the worker failed")
    if repeated := report.repeated_waits("elasticsearch hung"):
        pid, apart = repeated[0]
        failures.append(
            f"{len(repeated)} times a worker waited the engine's timeout twice in a cooling "
            f"period while it hung, e.g. worker {pid}, {apart:.1f} s apart"
        )
    if lost := report.lost():
        example = lost[0]
        failures.append(
            f"{len(lost)} edits not searchable within {SEARCHABLE_WITHIN:.0f} s of the return, "
            f"e.g. lot {example.lot} edited in '{example.phase}' at {example.at:.0f} "
            f"(seen {example.seen_after} s after the return)"
        )
    if report.reconcile != "missing: 0, stale: 0, extra: 0":
        failures.append(f"the index differs from the database: {report.reconcile}")
    return failures


def fault_run_step(walk) -> str:
    """The production check's step: the small fault run on the running stack."""
    sizes = SMALL
    run = FaultRun(walk.stack, sizes, lambda message: print(message, flush=True))
    prepared = run.prepare()
    report = run.run()
    for line in report.lines():
        print(f"      {line}", flush=True)
    failures = verdict(report)
    assert not failures, "; ".join(failures)
    return (
        f"{prepared}; {len(report.edits)} edits, "
        f"{report.edits_while_elasticsearch_away()} while Elasticsearch was away, 0 lost; "
        f"0 5xx during the Elasticsearch and worker faults, "
        f"{report.server_errors(['postgresql restarted'])} during the PostgreSQL restart; "
        f"{report.seconds:.0f} s"
    )
