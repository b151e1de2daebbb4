"""Saved searches: made, paused, resumed, deleted, unsubscribed from a link that needs no login."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..errors import DomainError
from ..models import Alert, Frequency

MAX_ALERTS_PER_PERSON = 10
UNSUBSCRIBE_SALT = "annonces.alerts.unsubscribe"


class AlertError(DomainError):
    pass


@transaction.atomic
def create_alert(user, criteria: dict, label: str, frequency: str) -> Alert:
    """A new alert, within the per-person limit (counted under the person's lock)."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if Alert.objects.filter(user=user).count() >= MAX_ALERTS_PER_PERSON:
        raise AlertError(
            _(
                "Vous avez déjà %(count)s alertes, le maximum : supprimez-en une "
                "dans Mon espace avant d'en créer une autre."
            )
            % {"count": MAX_ALERTS_PER_PERSON}
        )
    if frequency not in Frequency.values:
        raise AlertError(_("Choisissez une fréquence parmi celles proposées."))
    return Alert.objects.create(
        user=user, criteria=criteria, label=label[:300], frequency=frequency
    )


def set_paused(alert: Alert, paused: bool) -> None:
    Alert.objects.filter(pk=alert.pk).update(paused=paused)


def delete_alert(alert: Alert) -> None:
    alert.delete()


def unsubscribe_token(alert: Alert) -> str:
    return signing.dumps({"alert": alert.pk}, salt=UNSUBSCRIBE_SALT)


def alert_from_token(token: str) -> Alert | None:
    """The alert a signed link names; None when the link was altered or the alert is gone."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Alert.objects.filter(pk=data.get("alert")).select_related("user").first()
