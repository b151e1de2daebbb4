"""A pytest plugin that writes the session's outcome counts for the runner's summary."""

from __future__ import annotations

import json
import os
from pathlib import Path

TALLY_FILE = "REEMPLOI_TEST_TALLY"
OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")


def pytest_terminal_summary(terminalreporter) -> None:
    if path := os.environ.get(TALLY_FILE):
        stats = terminalreporter.stats
        counts = {outcome: len(stats.get(outcome, [])) for outcome in OUTCOMES}
        Path(path).write_text(json.dumps(counts))
