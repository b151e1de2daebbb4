"""What the project keeps for itself: the task worker's last sign of life."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """One row, touched by the `heartbeat` task: when the worker last ran a task we asked."""

    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"worker seen at {self.seen_at:%Y-%m-%d %H:%M:%S}"
