"""`manage.py check` names a misconfigured geocoder or Elasticsearch before any user meets it."""

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings


def check_ids() -> set[str]:
    return {message.id for message in run_checks()}


def test_the_default_settings_pass_the_project_checks():
    assert not {i for i in check_ids() if i.startswith(("search.", "reemploi."))}


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("GEOCODER", "google", "reemploi.E001"),
        ("GEOCODER_TIMEOUT", 0, "reemploi.E002"),
        ("ELASTICSEARCH_URL", "localhost:9200", "search.E001"),
        ("ELASTICSEARCH_URL", "http://", "search.E001"),
        ("ELASTICSEARCH_URL", "http://elasticsearch", "search.E001"),
        ("ELASTICSEARCH_URL", "http://elasticsearch:port", "search.E001"),
        ("ELASTICSEARCH_TIMEOUT", -1, "search.E002"),
        ("ELASTICSEARCH_WRITE_TIMEOUT", 0, "search.E003"),
        ("SEARCH_BREAKER_COOLING", 0, "search.E004"),
    ],
)
def test_a_misconfiguration_is_reported_with_its_id(setting, value, check_id):
    with override_settings(**{setting: value}):  # undone before the search index is dropped
        assert check_id in check_ids()


def test_manage_py_check_refuses_an_unknown_geocoder_and_says_what_to_use(settings):
    settings.GEOCODER = "google"
    with pytest.raises(SystemCheckError, match="Use ban \\(the national address API\\)"):
        call_command("check")


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("SECRET_KEY", "change-me", "reemploi.E010"),
        ("SECRET_KEY", "a-short-but-real-looking-key", "reemploi.E010"),
        ("SECRET_KEY", "ab" * 40, "reemploi.E010"),  # long, but four different characters
        ("SECRET_KEY", "django-insecure-" + "x1y2z3w4v5" * 5, "reemploi.E010"),
        ("ALLOWED_HOSTS", [], "reemploi.E011"),
        ("WAGTAILADMIN_BASE_URL", "http://reemploi.example.org", "reemploi.E012"),
        ("WAGTAILADMIN_BASE_URL", "https://", "reemploi.E012"),
    ],
)
def test_production_refuses_placeholders_no_hosts_and_plain_http(setting, value, check_id):
    safe = {
        "PRODUCTION": True,
        "SECRET_KEY": "k3Jx9-pQ2vLr8ZtYw4sN6mB1cD7fG0hE5aR-uT_iO9pW2qS3xV",
        "ALLOWED_HOSTS": ["reemploi.example.org"],
        "WAGTAILADMIN_BASE_URL": "https://reemploi.example.org",
    }
    with override_settings(**safe):
        assert not {i for i in check_ids() if i.startswith("reemploi.E01")}
    with override_settings(**{**safe, setting: value}):
        assert check_id in check_ids()


def test_outside_production_the_development_key_is_accepted():
    with override_settings(SECRET_KEY="dev-only-not-secret", ALLOWED_HOSTS=[]):
        assert not {i for i in check_ids() if i.startswith("reemploi.E01")}


def test_the_production_settings_refuse_env_example_as_it_is(tmp_path):
    """Started with .env.example's placeholders, `manage.py check` stops with reemploi.E010."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    pairs = (
        line.split("=", 1)
        for line in (root / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    env = {**os.environ, **{name: value for name, value in pairs}}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", ELASTICSEARCH_URL="")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "reemploi.E010" in result.stderr
    assert "reemploi.E011" not in result.stderr
