"""Background work of the search."""

from django_tasks import task


@task()
def apply_outbox() -> int:
    """Refresh the Elasticsearch documents of the lots waiting in the outbox."""
    from .service import elasticsearch_backend

    backend = elasticsearch_backend()
    return backend.apply_outbox() if backend else 0
