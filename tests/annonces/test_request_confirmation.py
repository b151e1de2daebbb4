"""The requester hears that their request left: what they asked, of whom, what comes next."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from annonces.errors import ReservationError
from annonces.models import Notification
from annonces.reservations import services as reservations
from reemploi.typography import typo
from tests.factories import LotFactory, MembershipFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lot():
    organisation = OrganisationFactory(name="Ressourcerie du Port")
    MembershipFactory(organisation=organisation)
    return LotFactory(organisation=organisation, title="Planches de chêne", quantity=20)


def next_wednesday_at(hour, minute):
    day = timezone.localdate() + timedelta(days=7)
    day += timedelta(days=(2 - day.weekday()) % 7)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo("Europe/Paris"))


def test_the_requester_is_told_the_request_is_sent(
    lot, mailoutbox, django_capture_on_commit_callbacks
):
    requester = VerifiedUserFactory()
    slot = next_wednesday_at(14, 30)
    with django_capture_on_commit_callbacks(execute=True):
        reservation = reservations.request_reservation(lot, requester, quantity=3, pickup_at=slot)
    (mail,) = [m for m in mailoutbox if m.to == [requester.email]]
    assert mail.subject == f"Votre demande {reservation.reference} est envoyée"
    body = re.sub(r"[ \n]+", " ", mail.body)  # str.split() would also eat the no-break spaces
    assert (
        typo("3 pièce(s) du lot « Planches de chêne » est envoyée à Ressourcerie du Port") in body
    )
    assert "mercredi" in body and "à 14\u00a0h\u00a030" in body
    assert typo("Et maintenant ?") in body and "propose un autre créneau" in body
    assert reservation.get_absolute_url() in body
    html = mail.alternatives[0].content
    assert "Ressourcerie du Port" in html and "14\u00a0h\u00a030" in html
    assert Notification.objects.filter(user=requester, url=reservation.get_absolute_url()).exists()


def test_a_refused_request_sends_no_confirmation(
    lot, mailoutbox, django_capture_on_commit_callbacks
):
    requester = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ReservationError):
        reservations.request_reservation(
            lot, requester, quantity=999, pickup_at=next_wednesday_at(10, 0)
        )
    assert mailoutbox == []


def test_the_confirmation_waits_for_the_commit(lot, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reservations.request_reservation(
            lot, VerifiedUserFactory(), quantity=1, pickup_at=next_wednesday_at(11, 0)
        )
    assert mailoutbox == [] and len(callbacks) == 2  # the structure's and the requester's
