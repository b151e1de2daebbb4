"""On a 375 px phone: the ressourcerie records that nobody came, in two taps from Mon espace;
the requester says otherwise, and the disagreement waits for the animators."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from annonces.choices import ReservationStatus
from annonces.models import PickupReceipt
from tests.annonces.pickup_world import past_pickup
from tests.browser.conftest import log_in
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_no_show_in_two_taps_then_the_requester_disagrees(small_phone, browser, live_server):
    staff = MembershipFactory(organisation__name="Ressourcerie d'Ivry").user
    lot = LotFactory(
        organisation=staff.organisations.get(),
        title="Portes isoplanes 83 cm",
        quantity=4,
        weight_kg=Decimal("60"),
    )
    requester = VerifiedUserFactory(first_name="Dominique", last_name="Martin")
    pickup = past_pickup(lot, requester, staff, hours_ago=3, quantity=4)

    log_in(small_phone, staff.email)
    small_phone.goto("/mon-espace/")
    small_phone.get_by_role("link", name="Personne n'est venu").tap()
    expect(small_phone.locator("h1")).to_have_text("Personne n'est venu ?")
    assert fits(small_phone)
    small_phone.get_by_role("button", name="Oui, personne n'est venu").tap()

    expect(small_phone.locator("main")).to_contain_text("Absence enregistrée")
    expect(small_phone.locator(".reservation__status")).to_have_text("Personne n'est venu")
    assert fits(small_phone)
    pickup.refresh_from_db()
    lot.refresh_from_db()
    assert pickup.status == ReservationStatus.NO_SHOW and lot.quantity_available == 4

    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
        timezone_id="Europe/Paris",
    )
    phone = context.new_page()
    log_in(phone, requester.email)
    phone.goto(pickup.get_absolute_url())
    expect(phone.locator("main")).to_contain_text("L'enlèvement a-t-il eu lieu ?")
    assert fits(phone)
    phone.get_by_role("button", name="Oui, j'ai bien récupéré le lot").tap()

    expect(phone.locator("main")).to_contain_text("Merci, votre réponse est enregistrée.")
    expect(phone.get_by_role("button", name="Non, je n'ai rien récupéré")).to_have_count(0)
    assert list(PickupReceipt.objects.unsettled().values_list("reservation", flat=True)) == [
        pickup.pk
    ]
    context.close()
