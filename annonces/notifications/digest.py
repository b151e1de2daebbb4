"""The daily digest: everything of a day that did not go out on its own, in one e-mail."""

from datetime import datetime, time

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..emails import absolute_url, render_email, send_rendered
from ..models import Delivery


def start_of_today(now=None):
    today = timezone.localtime(now or timezone.now()).date()
    return timezone.make_aware(datetime.combine(today, time.min))


def waiting(before):
    return Delivery.objects.filter(
        emailed=False, digest_sent_at__isnull=True, created_at__lt=before
    )


def send_digest(user_id: int, before, now) -> int:
    """One person's digest of what waits from before `before`; the entries told, 0 when another
    worker holds them or has sent them (their rows are claimed under a lock)."""
    with transaction.atomic():
        entries = list(
            waiting(before)
            .filter(user_id=user_id)
            .select_related("user")
            .select_for_update(skip_locked=True, of=("self",))
        )
        if not entries:
            return 0
        Delivery.objects.filter(pk__in=[entry.pk for entry in entries]).update(digest_sent_at=now)
        user = entries[0].user
        context = {
            "entries": [
                {
                    "subject": e.subject,
                    "url": absolute_url(e.url) if e.url.startswith("/") else e.url,
                }
                for e in entries
            ],
            "preferences_url": absolute_url(reverse("annonces:notification_preferences")),
        }
        send_rendered(*render_email("notifications/emails/digest", context), [user.email])
    return len(entries)


def send_digests(now=None) -> int:
    """Every person's digest of the days before today; run by the periodic jobs, any number of
    times: an entry is sent in one digest only."""
    now = now or timezone.now()
    before = start_of_today(now)
    users = waiting(before).values_list("user_id", flat=True).distinct()
    return sum(send_digest(user_id, before, now) for user_id in list(users))
