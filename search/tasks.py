"""Background work of the search."""

from django_tasks import task


@task()
def apply_outbox(attempt: int = 0) -> int:
    """Refresh the Elasticsearch documents of the lots waiting in the outbox."""
    from .indexing import drain_outbox

    return drain_outbox(attempt)
