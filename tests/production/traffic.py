"""The fault run's background load: visitors through nginx, each answer kept with its phase."""

from __future__ import annotations

import contextlib
import itertools
import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

import requests

from .stack import Stack

# Centres of communes of the territory (Vitry, Ivry, Orly, Villejuif, Choisy-le-Roi) and
# words the synthetic lots carry: the search's two workloads, by position (no geocoding,
# so no throttle of address lookups).
CENTRES = [(48.7875, 2.3928), (48.8131, 2.3849), (48.7439, 2.3925), (48.7919, 2.3636)]
CENTRES.append((48.7631, 2.4097))
WORDS = ["chaise", "porte", "bois", "table", "carrelage", "velo", "armoire"]
HEALTH_EVERY = 2.0  # seconds, as a supervisor polls


@dataclass(frozen=True)
class Answer:
    at: float
    phase: str
    kind: str
    status: int | None  # None: no answer at all (connection refused or reset, timeout)
    seconds: float = 0.0
    engine: str = ""  # what the search asked of Elasticsearch (Server-Timing), if it searched
    worker: int = 0  # the gunicorn worker's pid, if it searched


SERVER_TIMING = re.compile(r'es;desc="([a-z-]+)";dur=\d+, worker;desc="(\d+)"')


def served_by(response: requests.Response) -> tuple[str, int]:
    """The engine's outcome and the worker's pid, from search.timing's Server-Timing."""
    found = SERVER_TIMING.search(response.headers.get("Server-Timing", ""))
    return (found.group(1), int(found.group(2))) if found else ("", 0)


class Traffic:
    """`clients` visitors looping over search pages, /api/lots/ and lot pages, and a poller
    of /sante/, until stopped."""

    def __init__(self, stack: Stack, clients: int) -> None:
        self.stack = stack
        self.clients = clients
        self.phase = "baseline"
        self.answers: list[Answer] = []
        self.lot_paths: list[str] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for number in range(self.clients):
            self._threads.append(threading.Thread(target=self._visitor, args=(number,)))
        self._threads.append(threading.Thread(target=self._health))
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False
        session.verify = str(self.stack.certificate)
        return session

    def _get(self, session: requests.Session, kind: str, path: str) -> requests.Response | None:
        started = time.monotonic()
        try:
            response = session.get(self.stack.url + path, timeout=60)
        except requests.RequestException:
            self.answers.append(Answer(time.time(), self.phase, kind, None))
            return None
        seconds = time.monotonic() - started
        # The phase of the answer, not of the question: a request sent just before
        # PostgreSQL stops fails because of that stop.
        engine, worker = served_by(response)
        answer = Answer(
            time.time(), self.phase, kind, response.status_code, seconds, engine, worker
        )
        self.answers.append(answer)
        return response

    def _visitor(self, number: int) -> None:
        session, rng = self._session(), random.Random(number)
        for kind in itertools.cycle(["search", "api", "lot"]):
            if self._stop.is_set():
                return
            lat, lon = rng.choice(CENTRES)
            if kind == "search":
                word = rng.choice(WORDS)
                self._get(session, kind, f"/recherche/?q={word}&lat={lat}&lon={lon}&rayon=10")
            elif kind == "api":
                response = self._get(session, kind, f"/api/lots/?lat={lat}&lon={lon}&rayon=10")
                if response is not None and response.status_code == 200:
                    with contextlib.suppress(ValueError, KeyError):
                        features = response.json()["features"]
                        self.lot_paths.extend(f["properties"]["url"] for f in features[:5])
                        del self.lot_paths[:-200]
            elif self.lot_paths:
                self._get(session, kind, rng.choice(self.lot_paths))

    def _health(self) -> None:
        session = self._session()
        while not self._stop.wait(HEALTH_EVERY):
            self._get(session, "health", "/sante/")

    def statuses(self, phase: str) -> Counter:
        """Answers of a phase by status ('none' for no answer), health checks apart."""
        return Counter(
            f"{a.kind}:{a.status or 'none'}" if a.kind == "health" else str(a.status or "none")
            for a in self.answers
            if a.phase == phase
        )

    def slowest(self, phase: str) -> tuple[float, float, int]:
        """p95 and longest answer of the phase's pages, in seconds, and how many took more
        than Elasticsearch's 2 s timeout."""
        times = sorted(a.seconds for a in self.answers if a.phase == phase and a.kind != "health")
        if not times:
            return 0.0, 0.0, 0
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        return p95, times[-1], sum(t > 2 for t in times)

    def timeout_waits(self, phase: str) -> dict[int, list[float]]:
        """When each worker began a request that waited for the engine's timeout, by pid."""
        waits: dict[int, list[float]] = {}
        for a in self.answers:
            if a.phase == phase and a.engine.endswith("timeout"):
                waits.setdefault(a.worker, []).append(a.at - a.seconds)
        return {pid: sorted(times) for pid, times in waits.items()}
