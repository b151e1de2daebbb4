"""Failed logins are counted per client behind the proxy, in a cache every worker shares."""

import os
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from reemploi.client_ip import client_ip
from reemploi.proxy import TrustedProxyMiddleware

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # nginx, the REMOTE_ADDR of every request


@pytest.fixture(autouse=True)
def _behind_nginx(settings):
    settings.TRUSTED_PROXIES = [f"{PROXY}/32"]


def failed_login(forwarded_for: str, n: int):
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    # A new e-mail each time: the per-address limit is what is tried, not the per-account one.
    return client.post(
        reverse("account_login"), {"login": f"inconnu{n}@example.org", "password": "x"}
    )


LOCKED = "Trop de tentatives de connexion échouées"


def locked(response) -> bool:
    return LOCKED in response.content.decode()


def test_one_client_spending_its_failed_logins_does_not_lock_out_the_others():
    for n in range(10):
        assert not locked(failed_login("203.0.113.7", n))
    assert locked(failed_login("203.0.113.7", 10))
    # Another visitor behind the same proxy may still try: before, everyone was REMOTE_ADDR.
    assert not locked(failed_login("198.51.100.9", 11))


def test_a_client_cannot_escape_the_count_by_forging_the_first_forwarded_entry():
    for n in range(10):
        failed_login(f"192.0.2.{n}, 203.0.113.7", n)
    response = failed_login("192.0.2.99, 203.0.113.7", 10)
    assert locked(response)
    assert 'value="inconnu10@example.org"' in response.content.decode()  # kept


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, "", PROXY),
        (PROXY, "203.0.113.7", "203.0.113.7"),
        (PROXY, "1.1.1.1, 203.0.113.7", "203.0.113.7"),  # nginx's entry is the last
        (PROXY, "not-an-ip", PROXY),  # no 500: the proxy's own address
        ("198.51.100.1", "203.0.113.7", "198.51.100.1"),  # not our proxy: its word is dropped
        (PROXY, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_is_the_address_our_proxy_saw(rf, remote, forwarded, expected):
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert TrustedProxyMiddleware(client_ip)(request) == expected


def test_production_counts_in_the_database_cache_the_clients_nginx_saw():
    code = (
        "import django; django.setup();"
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.MIDDLEWARE[0])"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "reemploi.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "reemploi.example.org",
        "SITE_URL": "https://reemploi.example.org",
        "PATH": os.environ.get("PATH", ""),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [
        "django.core.cache.backends.db.DatabaseCache",
        "reemploi.proxy.TrustedProxyMiddleware",
    ]


def test_the_database_cache_is_one_count_for_every_process(settings):
    # Two cache objects stand for two workers: what one writes the other reads.
    shared = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "shared"}
    settings.CACHES = {**settings.CACHES, "shared": shared}
    call_command("createcachetable", "shared")
    worker_a, worker_b = caches.create_connection("shared"), caches.create_connection("shared")
    worker_a.set("allauth:login_failed:203.0.113.7", 3)
    assert worker_b.get("allauth:login_failed:203.0.113.7") == 3
