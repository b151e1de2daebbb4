"""How each person wants to be told, per kind, and the rule that spares them e-mail fatigue.

Every event goes through deliver(). The person's preference for its kind says
"immediately", "digest" or "none" (the default is immediately for every kind). An immediate
e-mail is sent only while the person has had fewer than MAX_IMMEDIATE_PER_HOUR in the past
hour; beyond that the event waits for the daily digest. So 20 events within an hour give
2 e-mails that hour, and the other 18 arrive together in the next day's digest.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..emails import render_email, send_rendered
from ..models import Delivery, DeliveryMode, NotificationKind, NotificationPreference

MAX_IMMEDIATE_PER_HOUR = 2
DEFAULT_MODE = DeliveryMode.IMMEDIATELY


def mode_for(user, kind: str) -> str:
    """The person's choice for this kind of event, else the default."""
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).values_list(
        "mode", flat=True
    )
    return next(iter(chosen), DEFAULT_MODE)


def modes_of(user) -> dict[str, str]:
    chosen = dict(user.notification_preferences.values_list("kind", "mode"))
    return {kind: chosen.get(kind, DEFAULT_MODE) for kind in NotificationKind.values}


@transaction.atomic
def set_modes(user, modes: dict[str, str]) -> None:
    for kind, mode in modes.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=NotificationKind(kind), defaults={"mode": DeliveryMode(mode)}
        )


def deliver(user, kind: str, name: str, context: dict, *, send=None) -> str:
    """Tell `user` of one event of `kind` with the e-mail `annonces/<name>`, as they chose.

    Returns "email", "digest" or "none". `send(subject, text, html)` replaces the plain
    sending when the e-mail needs its own headers (the alerts' List-Unsubscribe)."""
    NotificationKind(kind)  # an unknown kind is a bug, not a silent loss
    mode = mode_for(user, kind)
    if mode == DeliveryMode.NONE or not user.is_active or not user.email:
        return "none"
    subject, text, html = render_email(name, context)
    with transaction.atomic():
        # The person's row, locked: two events at once both count the other.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        recent = Delivery.objects.filter(
            user=user, emailed=True, created_at__gte=timezone.now() - timedelta(hours=1)
        ).count()
        immediate = mode == DeliveryMode.IMMEDIATELY and recent < MAX_IMMEDIATE_PER_HOUR
        Delivery.objects.create(
            user=user,
            kind=kind,
            subject=subject[:200],
            text=text,
            url=context.get("url", "") or context.get("path", ""),
            emailed=immediate,
        )
        if immediate:
            if send is not None:
                send(subject, text, html)
            else:
                send_rendered(subject, text, html, [user.email])
    return "email" if immediate else "digest"
