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
