"""Both sides of an accepted pickup are reminded twice: the evening before, and that morning.

The rule, in Europe/Paris time: the day-before reminder goes from PICKUP_EVE_REMINDER_HOUR
(18:00) the day before the pickup's day until that day begins; the morning one from
PICKUP_MORNING_REMINDER_HOUR (07:00) on the pickup's day until its slot. A run that comes
later (the hourly job was down) sends what is still due, never a reminder of a slot gone.
A pickup accepted on its own day gets only the morning reminder.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..choices import ReservationStatus
from ..models import Reservation
from ..reservations.emails import tell_organisation, tell_requester

EVE, MORNING = "eve", "morning"
# Which timestamp records which reminder: claimed by a conditional update, so two runs at
# once (or a run late and the next on time) send each reminder once.
SENT_FIELD = {EVE: "reminder_sent_at", MORNING: "morning_reminder_sent_at"}
PARIS = timezone.get_default_timezone()  # TIME_ZONE, whatever a request activated


def send_pickup_reminders(now=None) -> int:
    """Send the reminders due now, each at most once; returns how many pickups were reminded."""
    now = now or timezone.now()
    reminded = 0
    for kind, (start, end) in _due_windows(now).items():
        due = Reservation.objects.pickups_within(start, end).filter(
            **{f"{SENT_FIELD[kind]}__isnull": True}
        )
        for pk in due.values_list("pk", flat=True):
            reminded += _remind(pk, kind, now)
    return reminded


def _due_windows(now) -> dict:
    """For each kind of reminder due at this instant, the slots it covers: [start, end)."""
    local = timezone.localtime(now, PARIS)
    today = local.date()
    windows = {}
    if local.hour >= settings.PICKUP_EVE_REMINDER_HOUR:
        tomorrow = _midnight(today + timedelta(days=1))
        windows[EVE] = (tomorrow, _midnight(today + timedelta(days=2)))
    if local.hour >= settings.PICKUP_MORNING_REMINDER_HOUR:
        # Strictly after now: a slot already begun is not reminded.
        windows[MORNING] = (now + timedelta(microseconds=1), _midnight(today + timedelta(days=1)))
    return windows


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min), PARIS)


def _claim(pk: int, kind: str, now) -> bool:
    """Mark the reminder sent, if no other run has and the pickup still stands: one UPDATE,
    so of two runs at once, the second finds the timestamp set and claims nothing."""
    return bool(
        Reservation.objects.filter(
            pk=pk, status=ReservationStatus.ACCEPTED, **{f"{SENT_FIELD[kind]}__isnull": True}
        ).update(**{SENT_FIELD[kind]: now})
    )


def _remind(pk: int, kind: str, now) -> int:
    with transaction.atomic():
        if not _claim(pk, kind, now):  # another run took it, or the pickup was cancelled
            return 0
        reservation = Reservation.objects.select_related(
            "lot__organisation", "requester", "organisation"
        ).get(pk=pk)
        tell_requester("pickup_reminder", reservation, when=kind)
        tell_organisation("pickup_reminder", reservation, when=kind)
    return 1
