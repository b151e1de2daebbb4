"""What a request asked of Elasticsearch, told in a Server-Timing header.

`Server-Timing: es;desc="timeout";dur=2004, worker;desc="4242"`: the engine's outcome for
this request (ok, timeout, refused, open — the breaker sent it to the database —, or
probe-… when this request was the one probe of its cooling period), how long the engine
took, and the process that served it. The fault run reads it to count, per gunicorn
worker, the requests that waited for the engine's timeout: at most one per cooling period.
It costs a context variable and a header, only on requests that searched.
"""

from __future__ import annotations

import os
from contextvars import ContextVar

_outcome: ContextVar[tuple[str, float] | None] = ContextVar("search_outcome", default=None)


def record(outcome: str, seconds: float = 0.0) -> None:
    """Keep the worst outcome of the request (a timeout outweighs a later fallback)."""
    current = _outcome.get()
    if current is None or seconds >= current[1]:
        _outcome.set((outcome, seconds))


class SearchTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _outcome.set(None)
        try:
            response = self.get_response(request)
            outcome = _outcome.get()
        finally:
            _outcome.reset(token)
        if outcome is not None:
            name, seconds = outcome
            response["Server-Timing"] = (
                f'es;desc="{name}";dur={seconds * 1000:.0f}, worker;desc="{os.getpid()}"'
            )
        return response
