"""A request made in an organisation's name: every member follows it; its author alone acts."""

import pytest
from django.urls import reverse

from annonces.choices import ReservationStatus
from tests.factories import MembershipFactory, OrganisationFactory, ReservationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pickup():
    """Accepted for a company: Karim asked, his colleague Inès goes to collect."""
    company = OrganisationFactory(name="Bâtir Ensemble Ivry")
    author = MembershipFactory(organisation=company).user
    return ReservationFactory(
        requester=author, organisation=company, status=ReservationStatus.ACCEPTED
    )


def test_a_colleague_opens_the_request_and_prints_its_voucher(client, pickup):
    colleague = MembershipFactory(organisation=pickup.organisation).user
    client.force_login(colleague)
    detail = client.get(pickup.get_absolute_url())
    assert detail.status_code == 200
    assert reverse("annonces:reservation_cancel", args=[pickup.reference]) not in (
        detail.content.decode()
    )
    voucher = client.get(reverse("annonces:voucher", args=[pickup.reference]))
    assert voucher.status_code == 200 and "Bâtir Ensemble Ivry" in voucher.content.decode()
    listing = client.get(reverse("annonces:reservation_list")).content.decode()
    assert pickup.reference in listing


def test_a_colleague_cannot_cancel_in_the_authors_place(client, pickup):
    client.force_login(MembershipFactory(organisation=pickup.organisation).user)
    client.post(reverse("annonces:reservation_cancel", args=[pickup.reference]), {"reason": "x"})
    pickup.refresh_from_db()
    assert pickup.status == ReservationStatus.ACCEPTED


def test_a_member_of_another_organisation_still_gets_a_404(client, pickup):
    client.force_login(MembershipFactory().user)
    assert client.get(pickup.get_absolute_url()).status_code == 404
    assert client.get(reverse("annonces:voucher", args=[pickup.reference])).status_code == 404
