"""The reverse proxy's word on the client (its address, HTTPS) is taken from the proxy only.

nginx (reemploi/deploy/nginx/) sets X-Forwarded-For to the address it saw and
X-Forwarded-Proto to its scheme. Anyone else who reaches gunicorn could send the same
headers, so they are dropped unless the request comes from TRUSTED_PROXIES: then
SECURE_PROXY_SSL_HEADER and allauth's rate limits (which read REMOTE_ADDR) cannot be fooled.
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


@cache
def _networks(trusted: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def is_trusted_proxy(address: str) -> bool:
    """Whether `address` belongs to one of the TRUSTED_PROXIES networks."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class TrustedProxyMiddleware:
    """First in MIDDLEWARE: everything after it sees the client as the proxy saw it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if is_trusted_proxy(meta.get("REMOTE_ADDR", "")):
            # nginx replaces any X-Forwarded-For the client sent with one address: the last
            # entry is the one it saw, whatever a client put in front of it.
            forwarded = meta.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
            if _is_address(forwarded):
                meta["REMOTE_ADDR"] = forwarded
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)
