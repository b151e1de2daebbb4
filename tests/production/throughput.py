"""Figures on the production stack: page throughputs (locust, headless), and queries while
rebuilds swap the alias. Both printed by `make bench` beside their targets."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import threading
import time

import psycopg
import requests

from .stack import ROOT, Stack

USERS = 8
SECONDS = 20
VITRY = "lat=48.7875&lon=2.3928&rayon=10"  # around a commune, as "autour de moi" sends it
# A session cookie (unknown to the database, so the visitor is anonymous) takes a request
# past the anonymous page cache (reemploi/page_cache.py): the pages' own cost.
PAST_THE_CACHE = "sessionid=bench-past-the-page-cache"


def target_for(lots: int) -> int:
    """Requests/s (issue 17): 100 at 100,000 lots, 60 at 1,000,000."""
    return 100 if lots < 500_000 else 60


def pages(stack: Stack) -> list[tuple[str, str]]:
    with psycopg.connect(stack.env["DATABASE_URL"]) as connection:
        (structure,) = connection.execute(
            "SELECT slug FROM annonces_organisation WHERE validated_at IS NOT NULL "
            "ORDER BY id LIMIT 1"
        ).fetchone()
    answer = _session(stack).get(f"{stack.url}/api/lots/?{VITRY}", timeout=60).json()
    lot = answer["features"][0]["properties"]["url"]
    return [
        ("home page", "/"),
        ("/annonces/", "/annonces/"),
        ("a lot page", lot),
        ("a structure page", f"/structures/{structure}/"),
        ("/recherche/ text + place", f"/recherche/?q=chaise&{VITRY}"),
        ("/api/lots/ around a commune, by distance", f"/api/lots/?{VITRY}&tri=distance"),
        ("/robots.txt (the stack's ceiling)", "/robots.txt"),
    ]


def page_throughputs(stack: Stack, say) -> list[str]:
    """Requests/s of each page with USERS concurrent users for SECONDS, through nginx."""
    lots = _lots(stack)
    target = target_for(lots)
    lines = [f"page throughputs at {lots} lots, {USERS} users, {SECONDS} s each (locust)"]
    listed = pages(stack)
    past = [(f"{label}, past the page cache", path) for label, path in listed[:5]]
    for label, path in listed + past:
        cookie = PAST_THE_CACHE if label.endswith("past the page cache") else ""
        rate, failures, p50, p95 = _locust(stack, path, cookie)
        aim = "" if path.startswith("/robots") or cookie else f"(target {target})"
        lines.append(
            f"  {label}: {rate:.1f} requests/s, p50 {p50} ms, p95 {p95} ms, "
            f"{failures} failed {aim}".rstrip()
        )
        say(lines[-1])
    return lines


def _locust(stack: Stack, path: str, cookie: str = "") -> tuple[float, int, str, str]:
    prefix = stack.workdir / "locust"
    env = {
        **os.environ,
        "PAGE_PATH": path,
        "PAGE_COOKIE": cookie,
        "CERTIFICATE": str(stack.certificate),
    }
    subprocess.run(
        [
            *(sys.executable, "-m", "locust", "-f", str(ROOT / "tests/production/locustfile.py")),
            *("--headless", "--only-summary", "--loglevel", "ERROR", "--host", stack.url),
            *("-u", str(USERS), "-r", str(USERS), "-t", f"{SECONDS}s", "--csv", str(prefix)),
        ],
        env=env,
        cwd=stack.workdir,
        check=False,  # locust exits 1 when any request failed: the count says it
        capture_output=True,
    )
    with open(f"{prefix}_stats.csv") as stats:
        row = next(r for r in csv.DictReader(stats) if r["Name"] == "Aggregated")
    return (
        float(row["Requests/s"]),
        int(row["Failure Count"]),
        row["50%"],
        row["95%"],
    )


def queries_during_rebuilds(stack: Stack, rebuilds: int = 1, clients: int = 4) -> str:
    """Searches through /api/lots/ while `search_rebuild` swaps the alias: failures counted
    (an error status or no answer)."""
    answers: list[int] = []
    failures: list[str] = []
    stop = threading.Event()

    def visitor() -> None:
        session = _session(stack)
        while not stop.is_set():
            try:
                response = session.get(f"{stack.url}/api/lots/?q=chaise&{VITRY}", timeout=60)
            except requests.RequestException as error:
                failures.append(repr(error))
                continue
            answers.append(response.status_code)
            if response.status_code != 200:
                failures.append(str(response.status_code))

    threads = [threading.Thread(target=visitor) for _ in range(clients)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    try:
        for _ in range(rebuilds):
            stack.manage("search_rebuild", timeout=1800)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    seconds = time.monotonic() - started
    return (
        f"{len(answers)} searches through /api/lots/ during {rebuilds} rebuilds "
        f"({seconds:.0f} s): {len(failures)} failed (target 0)"
    )


def _lots(stack: Stack) -> int:
    with psycopg.connect(stack.env["DATABASE_URL"]) as connection:
        return connection.execute("SELECT count(*) FROM annonces_lot").fetchone()[0]


def _session(stack: Stack) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.verify = str(stack.certificate)
    return session
