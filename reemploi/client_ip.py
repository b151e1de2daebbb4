"""The client's address, as the reverse proxy saw it: what every throttle counts."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(candidate: str) -> str | None:
    try:
        return str(ipaddress.ip_address(candidate.strip().strip("[]")))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address TRUSTED_PROXY_COUNT proxies in front of us saw; REMOTE_ADDR without proxies.

    Behind nginx, REMOTE_ADDR is nginx for everyone, so a limit per address would be one
    limit for the whole site. Each trusted proxy appends the address it received the request
    from to X-Forwarded-For, so the client's is the count-th entry from the right; anything
    further left was written by the client and proves nothing (a client rotating a fake
    first entry is still counted once). A header shorter than the count (someone reaching a
    proxy past the first one) or unreadable falls back on the left-most entry we can read,
    then REMOTE_ADDR: a throttle must not turn into a server error.
    """
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if count <= 0 or not forwarded:
        return _valid(remote) or "0.0.0.0"
    entries = [entry for entry in forwarded.split(",") if entry.strip()]
    candidates = entries[-count:] if entries else []
    for candidate in candidates:
        address = _valid(candidate)
        if address:
            return address
    return _valid(remote) or "0.0.0.0"
