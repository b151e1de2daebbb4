"""A small fixed-window throttle on Django's cache (the shared one in production).

Kept until django-ratelimit lands with the rest of the throttles: the same cache, so the limit
holds across every worker once the default cache is shared."""

from django.core.cache import cache


def client_key(request) -> str:
    """Who is asking: the account when logged in, else the client address."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{request.META.get('REMOTE_ADDR', '')}"


def allow(scope: str, key: str, limit: int, period: int) -> bool:
    """True while the key has made fewer than `limit` calls of `scope` in the current window."""
    name = f"throttle:{scope}:{key}"
    cache.add(name, 0, timeout=period)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr: a fresh window
        cache.add(name, 1, timeout=period)
        count = 1
    return count <= limit
