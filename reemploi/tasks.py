"""Background work of the project itself."""

from django.utils import timezone
from django_tasks import task

HEARTBEAT_ROW = 1


@task()
def heartbeat() -> None:
    """Record that a worker took a task off the queue and ran it (read by /sante/)."""
    from .models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(pk=HEARTBEAT_ROW, defaults={"seen_at": timezone.now()})
