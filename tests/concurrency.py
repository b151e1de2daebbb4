"""Calls released at once in threads, for the concurrency tests on PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def run_together(calls, catch: tuple[type[BaseException], ...] = ()) -> list:
    """Run the calls in as many threads, released together; each outcome, or the caught
    error, in order."""
    start = threading.Barrier(len(calls))

    def worker(call):
        start.wait()
        try:
            return call()
        except catch as error:
            return error
        finally:
            connections.close_all()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(worker, calls))
