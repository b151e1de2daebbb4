"""`python -m tests.services.bench [--costs]`: the search benchmark on the real services.

Starts PostgreSQL and Elasticsearch as `make test` does, then loads synthetic lots
and prints p50/p95 figures (search/management/commands/bench_search.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import ExitStack

from .__main__ import _session_dir, _start_services, say
from .system import service_account

# Sizes and the backends timed at each: both, both workloads (issue 17: the database
# fallback at 100,000 lots too).
RUNS = [(10_000, "database,elasticsearch"), (100_000, "database,elasticsearch")]


def main(argv: list[str]) -> int:
    """`--costs`: only `bench_search_costs` at 100,000 lots (whole-word bonus, facets, map)."""
    with ExitStack() as stack:
        account = service_account()
        workdir = stack.enter_context(_session_dir(account))
        label, services = _start_services(stack, workdir, account)
        env = {
            **os.environ,
            **services,
            "DJANGO_SETTINGS_MODULE": "reemploi.settings.dev",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only",
            "LOG_LEVEL": "WARNING",
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
        say(f"benchmark on {label}")
        if "--costs" in argv:
            command = [*manage, "bench_search_costs", "--lots", "100000"]
            subprocess.run(command, env=env, check=True)
            return 0
        for lots, backends in RUNS:
            subprocess.run(
                [*manage, "bench_search", "--lots", str(lots), "--backends", backends],
                env=env,
                check=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
