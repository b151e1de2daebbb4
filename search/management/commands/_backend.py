"""Shared by the search commands: the configured Elasticsearch backend, or a clear error."""

from django.core.management.base import CommandError

from search.service import elasticsearch_backend


def required_backend():
    backend = elasticsearch_backend()
    if backend is None:
        raise CommandError("ELASTICSEARCH_URL is not set: there is no index to manage.")
    return backend
