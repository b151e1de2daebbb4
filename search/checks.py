"""Misconfigured search settings, caught by `manage.py check` rather than by the first query."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def check_elasticsearch_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """An Elasticsearch URL that cannot be reached as written, or timeouts that cannot work."""
    errors = []
    url = settings.ELASTICSEARCH_URL
    if url:
        parts = urlsplit(url)
        # The official client refuses a URL without its port; say so before a search does.
        if parts.scheme not in ("http", "https") or not parts.hostname or not _port(parts):
            errors.append(
                checks.Error(
                    f"ELASTICSEARCH_URL={url!r} is not an http(s) URL with a host and a port.",
                    hint="For example http://127.0.0.1:9200, or leave it empty to search "
                    "the database.",
                    id="search.E001",
                )
            )
    if settings.ELASTICSEARCH_TIMEOUT <= 0:
        errors.append(
            checks.Error(
                "ELASTICSEARCH_TIMEOUT must be a positive number of seconds.",
                hint="Searches give up after it and fall back to the database; 2 is the default.",
                id="search.E002",
            )
        )
    if settings.ELASTICSEARCH_WRITE_TIMEOUT <= 0:
        errors.append(
            checks.Error(
                "ELASTICSEARCH_WRITE_TIMEOUT must be a positive number of seconds.",
                hint="Outbox writes give up after it and stay queued; 5 is the default.",
                id="search.E003",
            )
        )
    if settings.SEARCH_BREAKER_COOLING <= 0:
        errors.append(
            checks.Error(
                "SEARCH_BREAKER_COOLING must be a positive number of seconds.",
                hint="Searches go to the database this long after Elasticsearch failed, "
                "then one probe tries it again; 30 is the default.",
                id="search.E004",
            )
        )
    return errors


def _port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:  # "http://host:port" with letters for a port
        return None
