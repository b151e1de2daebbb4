"""The client's address: what every throttle and allauth's login limit count."""

import ipaddress

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, as reemploi.proxy left it: the client's address when the request came
    through a trusted proxy (nginx), the connection's own otherwise.

    Behind nginx, REMOTE_ADDR is nginx for everyone until the proxy middleware puts back the
    address nginx saw; a limit per address would otherwise be one limit for the whole site.
    An address that cannot be read counts as one shared "0.0.0.0" rather than a server error.
    """
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "").strip()))
    except ValueError:
        return "0.0.0.0"
