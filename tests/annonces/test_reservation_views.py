"""Reservations on the web: ask from the lot page, answer, collect, print the voucher.

Only the requester and the lot's organisation see a reservation; everyone else gets a 404.
"""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from annonces.choices import Audience, LotStatus, MembershipRole, ReservationStatus
from annonces.models import Lot, Notification, Reservation, ReservationEvent
from annonces.reservations import services as reservations
from reemploi.typography import format_date, typo
from tests.factories import (
    LotFactory,
    MembershipFactory,
    ReservationFactory,
    UserFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


def slot(days=4, hour=10) -> str:
    """A datetime-local value, as the browser sends it."""
    day = timezone.localdate() + timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def said(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def page(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def lot():
    return LotFactory(quantity=20, title="Planches de chêne")


@pytest.fixture
def member(lot):
    return MembershipFactory(organisation=lot.organisation, role=MembershipRole.STAFF).user


@pytest.fixture
def requester():
    return VerifiedUserFactory(first_name="Camille", last_name="Durand")


@pytest.fixture
def reservation(lot, member, requester):
    return ReservationFactory(lot=lot, requester=requester, quantity=5)


def put_in(reservation, status):
    """Move a reservation to a status the way the services would leave it."""
    if status == ReservationStatus.ACCEPTED:
        Lot.objects.filter(pk=reservation.lot_id).update(quantity_reserved=reservation.quantity)
    Reservation.objects.filter(pk=reservation.pk).update(status=status)
    reservation.refresh_from_db()
    return reservation


def snapshot(reservation):
    reservation.refresh_from_db()
    lot = Lot.objects.get(pk=reservation.lot_id)
    return (
        reservation.status,
        reservation.pickup_at,
        reservation.decline_reason,
        reservation.collected_quantity,
        lot.quantity_reserved,
        lot.quantity_collected,
        lot.status,
        ReservationEvent.objects.count(),
        Reservation.objects.count(),
        Notification.objects.count(),
    )


# --- Who may see what ---------------------------------------------------------------------

# name, the status in which the rightful actor may use it, POST data, whether GET shows a page
RESERVATION_URLS = [
    ("annonces:reservation_detail", ReservationStatus.PENDING, {}, True),
    ("annonces:reservation_accept", ReservationStatus.PENDING, {}, False),
    ("annonces:reservation_decline", ReservationStatus.PENDING, {"reason": "Non"}, True),
    ("annonces:reservation_propose", ReservationStatus.PENDING, {"pickup_at": slot(6)}, True),
    ("annonces:reservation_confirm", ReservationStatus.PROPOSED, {}, False),
    ("annonces:reservation_cancel", ReservationStatus.PENDING, {}, True),
    (
        "annonces:reservation_collect",
        ReservationStatus.ACCEPTED,
        {"quantity": "5", "weight_kg": "12"},
        True,
    ),
    ("annonces:voucher", ReservationStatus.ACCEPTED, {}, True),
]
OUTSIDERS = ["anonymous", "unverified", "other_member", "stranger"]


def log_in(kind, client, reservation=None):
    if kind == "unverified":
        user = UserFactory()  # no confirmed address, even if it is the requester's organisation
        if reservation is not None:
            MembershipFactory(user=user, organisation=reservation.lot.organisation)
        client.force_login(user)
    elif kind == "other_member":
        client.force_login(MembershipFactory(role=MembershipRole.ADMIN).user)
    elif kind == "stranger":
        client.force_login(VerifiedUserFactory())


def assert_refused(kind, response):
    if kind == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif kind == "unverified":
        assert response.status_code == 403
    else:
        assert response.status_code == 404  # no hint the reservation exists


@pytest.mark.parametrize("kind", OUTSIDERS)
@pytest.mark.parametrize(("name", "status", "data", "has_page"), RESERVATION_URLS)
def test_outsiders_are_refused_and_nothing_changes(
    client, reservation, kind, name, status, data, has_page
):
    put_in(reservation, status)
    log_in(kind, client, reservation)
    before = snapshot(reservation)
    url = reverse(name, args=[reservation.reference])
    assert_refused(kind, client.post(url, data))
    if has_page:
        assert_refused(kind, client.get(url))
    assert snapshot(reservation) == before


@pytest.mark.parametrize("kind", ["anonymous", "unverified"])
@pytest.mark.parametrize(
    "name", ["annonces:lot_reserve", "annonces:reservation_list", "annonces:notifications"]
)
def test_pages_of_ones_own_need_a_verified_login(client, lot, kind, name):
    log_in(kind, client)
    url = reverse(name, args=[lot.slug]) if name == "annonces:lot_reserve" else reverse(name)
    assert_refused(kind, client.get(url))
    assert_refused(kind, client.post(url, {"quantity": "1", "pickup_at": slot()}))
    assert not Reservation.objects.exists()


def test_an_unknown_reference_is_a_404(client, requester):
    client.force_login(requester)
    assert (
        client.get(reverse("annonces:reservation_detail", args=["BE-AAAA-AAAA"])).status_code == 404
    )


def test_a_stranger_does_not_see_others_reservations_in_lists(client, reservation):
    client.force_login(MembershipFactory().user)
    assert reservation.reference not in page(client.get(reverse("annonces:reservation_list")))
    assert reservation.reference not in page(client.get(reverse("annonces:my_space")))


# --- Asking -------------------------------------------------------------------------------


def test_a_user_asks_for_a_quantity_from_the_lot_page(client, lot, member, requester):
    client.force_login(requester)
    lot_page = page(client.get(lot.get_absolute_url()))
    assert "20 pièce(s) disponibles sur 20" in lot_page
    assert reverse("annonces:lot_reserve", args=[lot.slug]) in lot_page
    assert client.get(reverse("annonces:lot_reserve", args=[lot.slug])).status_code == 200

    data = {"quantity": "4", "pickup_at": slot(), "message": "Pour un atelier", "organisation": ""}
    response = client.post(reverse("annonces:lot_reserve", args=[lot.slug]), data)

    reservation = Reservation.objects.get()
    assert response.status_code == 302 and response["Location"] == reservation.get_absolute_url()
    assert "Demande envoyée" in said(response)
    assert (reservation.requester, reservation.quantity) == (requester, 4)
    assert reservation.status == ReservationStatus.PENDING
    assert reservation.message == "Pour un atelier"
    assert timezone.localtime(reservation.pickup_at).hour == 10
    assert reservation.events.get().to_status == ReservationStatus.PENDING
    assert Notification.objects.filter(user=member).exists()
    lot.refresh_from_db()
    assert lot.quantity_reserved == 0  # nothing is set aside before the answer


def test_the_request_form_names_the_lot_once_and_asks_in_whose_name(client, lot, member, requester):
    MembershipFactory(user=requester, organisation__name="Bâtir Ensemble")
    client.force_login(requester)
    form_page = page(client.get(reverse("annonces:lot_reserve", args=[lot.slug])))
    assert typo("<h1>Réserver « Planches de chêne »</h1>") in form_page
    main = form_page[form_page.index("<main") : form_page.index("</main>")]
    assert main.count("Planches de chêne") == 1
    assert '<label for="id_organisation">Au nom de' in form_page
    assert ">Moi-même</option>" in form_page and ">Bâtir Ensemble</option>" in form_page
    assert "Pour la structure" not in form_page


@pytest.mark.parametrize(
    ("starts_in", "ends_in", "told"),
    [
        (3, None, "Disponible à partir du {start}."),
        (0, 10, "Disponible jusqu'au {end}."),
        (3, 10, "Disponible du {start} au {end}."),
    ],
)
def test_the_slot_field_says_when_the_lot_may_be_picked_up(
    client, member, requester, starts_in, ends_in, told
):
    today = timezone.localdate()
    start, end = today + timedelta(days=starts_in), ends_in and today + timedelta(days=ends_in)
    lot = LotFactory(available_from=start, available_until=end)
    client.force_login(requester)
    form_page = page(client.get(reverse("annonces:lot_reserve", args=[lot.slug])))
    french = {"start": format_date(start, "j F Y"), "end": end and format_date(end, "j F Y")}
    assert told.format(**french) in form_page
    assert "la structure pourra vous en proposer un autre" in form_page


def test_the_slot_field_gives_no_date_for_a_lot_available_from_now_on(client, lot, requester):
    client.force_login(requester)
    form_page = page(client.get(reverse("annonces:lot_reserve", args=[lot.slug])))
    assert "Disponible " not in form_page
    assert "la structure pourra vous en proposer un autre" in form_page


def test_a_user_asks_on_behalf_of_their_structure(client, lot, member, requester):
    structure = MembershipFactory(user=requester).organisation
    client.force_login(requester)
    data = {"quantity": "1", "pickup_at": slot(), "organisation": structure.pk}
    client.post(reverse("annonces:lot_reserve", args=[lot.slug]), data)
    assert Reservation.objects.get().organisation == structure


def test_a_professionals_only_lot_needs_a_structure(client, member, requester):
    lot = LotFactory(audience=Audience.PROFESSIONALS)
    client.force_login(requester)
    response = client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]), {"quantity": "1", "pickup_at": slot()}
    )
    assert response.status_code == 200
    assert "réservé aux professionnels" in page(response)
    assert not Reservation.objects.exists()


def test_a_structure_one_does_not_belong_to_is_refused(client, lot, member, requester):
    client.force_login(requester)
    data = {"quantity": "1", "pickup_at": slot(), "organisation": lot.organisation.pk}
    response = client.post(reverse("annonces:lot_reserve", args=[lot.slug]), data)
    assert response.status_code == 200 and "Sélectionnez un choix valide" in page(response)
    assert not Reservation.objects.exists()


def test_members_cannot_reserve_their_own_lot(client, lot, member):
    client.force_login(member)
    assert "Réserver</a>" not in page(client.get(lot.get_absolute_url()))
    response = client.get(reverse("annonces:lot_reserve", args=[lot.slug]))
    assert response.status_code == 302 and "votre structure" in said(response)
    response = client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]), {"quantity": "1", "pickup_at": slot()}
    )
    assert response.status_code == 200 and "votre structure" in page(response)
    assert not Reservation.objects.exists()


def test_a_second_request_while_the_first_waits_is_refused(client, reservation, requester):
    client.force_login(requester)
    lot_page = page(client.get(reservation.lot.get_absolute_url()))
    assert reservation.reference in lot_page and "Réserver</a>" not in lot_page
    response = client.get(reverse("annonces:lot_reserve", args=[reservation.lot.slug]))
    assert response.status_code == 302 and "déjà une demande en attente" in said(response)
    response = client.post(
        reverse("annonces:lot_reserve", args=[reservation.lot.slug]),
        {"quantity": "1", "pickup_at": slot(), "message": "Encore moi"},
    )
    assert response.status_code == 200
    assert "déjà une demande en attente" in page(response)
    assert "Encore moi" in page(response)  # the input is kept
    assert Reservation.objects.count() == 1


def test_more_than_available_is_refused_with_the_input_kept(client, lot, member, requester):
    Lot.objects.filter(pk=lot.pk).update(quantity_reserved=18)
    client.force_login(requester)
    response = client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]),
        {"quantity": "3", "pickup_at": slot(), "message": "Gardé"},
    )
    assert response.status_code == 200
    assert "Il reste 2 pièce(s)" in page(response) and "Gardé" in page(response)
    assert not Reservation.objects.exists()


def test_a_slot_outside_the_availability_is_refused(client, member, requester):
    lot = LotFactory(available_until=timezone.localdate() + timedelta(days=2))
    client.force_login(requester)
    response = client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]), {"quantity": "1", "pickup_at": slot(5)}
    )
    assert response.status_code == 200 and "disponible que jusqu'au" in page(response)
    assert not Reservation.objects.exists()


def test_a_fully_reserved_lot_says_so_and_is_not_offered(client, lot, member, requester):
    Lot.objects.filter(pk=lot.pk).update(quantity_reserved=20, status=LotStatus.RESERVED)
    client.force_login(requester)
    lot_page = page(client.get(lot.get_absolute_url()))
    assert "Entièrement réservé" in lot_page
    assert "0 pièce(s) disponible sur 20" in lot_page
    assert reverse("annonces:lot_reserve", args=[lot.slug]) not in lot_page
    response = client.get(reverse("annonces:lot_reserve", args=[lot.slug]))
    assert response.status_code == 302 and "plus disponible" in said(response)


def test_a_collected_lot_stays_reachable_and_says_it_left(client, lot):
    Lot.objects.filter(pk=lot.pk).update(quantity_collected=20, status=LotStatus.COLLECTED)
    response = client.get(lot.get_absolute_url())
    assert response.status_code == 200 and "Ce lot a été entièrement enlevé." in page(response)
    assert reverse("annonces:lot_reserve", args=[lot.slug]) not in page(response)


@pytest.mark.parametrize(
    ("left", "said_on_lot", "said_on_request"),
    [
        (1, "1 pièce(s) disponible sur 20", "(1 encore disponible)"),
        (3, "3 pièce(s) disponibles sur 20", "(3 encore disponibles)"),
    ],
)
def test_what_is_left_is_said_in_the_singular_or_the_plural(
    client, reservation, requester, left, said_on_lot, said_on_request
):
    Lot.objects.filter(pk=reservation.lot_id).update(quantity_reserved=20 - left)
    assert said_on_lot in page(client.get(reservation.lot.get_absolute_url()))
    assert said_on_lot in page(client.get(reverse("annonces:lot_list")))
    client.force_login(requester)
    assert said_on_request in page(client.get(reservation.get_absolute_url()))


def test_a_logged_out_visitor_is_offered_to_log_in_to_reserve(client, lot):
    lot_page = page(client.get(lot.get_absolute_url()))
    assert f"{reverse('account_login')}?next=/annonces/{lot.slug}/reserver/" in lot_page


@pytest.mark.parametrize("status", [LotStatus.WITHDRAWN, LotStatus.EXPIRED, LotStatus.DRAFT])
def test_a_lot_no_longer_offered_says_so_to_its_past_requester_and_takes_no_request(
    client, reservation, requester, status
):
    # A closed request leaves the requester free to ask again: only the lot's state stops it.
    put_in(reservation, ReservationStatus.CANCELLED)
    Lot.objects.filter(pk=reservation.lot_id).update(status=status)
    assert client.get(reservation.lot.get_absolute_url()).status_code == 404
    client.force_login(requester)
    lot_page = page(client.get(reservation.lot.get_absolute_url()))
    assert "Ce lot n'est plus proposé." in lot_page and reservation.reference in lot_page
    assert reverse("annonces:lot_reserve", args=[reservation.lot.slug]) not in lot_page
    assert "Réserver</a>" not in lot_page


def test_members_keep_their_editing_links_on_a_withdrawn_lot(client, lot, member):
    Lot.objects.filter(pk=lot.pk).update(status=LotStatus.WITHDRAWN)
    client.force_login(member)
    lot_page = page(client.get(lot.get_absolute_url()))
    assert "Ce lot n'est plus proposé." in lot_page
    assert reverse("annonces:lot_edit", args=[lot.slug]) in lot_page
    assert reverse("annonces:lot_publish", args=[lot.slug]) in lot_page
    assert reverse("annonces:lot_reserve", args=[lot.slug]) not in lot_page


def test_members_read_their_draft_as_a_draft_not_as_a_lot_gone(client, lot, member):
    Lot.objects.filter(pk=lot.pk).update(status=LotStatus.DRAFT)
    client.force_login(member)
    lot_page = page(client.get(lot.get_absolute_url()))
    assert "Brouillon" in lot_page and "Ce lot n'est plus proposé." not in lot_page


@pytest.mark.parametrize(
    ("status", "lot_status", "told"),
    [
        (ReservationStatus.PENDING, LotStatus.WITHDRAWN, "Ce lot n'est plus proposé."),
        (ReservationStatus.PROPOSED, LotStatus.EXPIRED, "Ce lot n'est plus proposé."),
        (ReservationStatus.ACCEPTED, LotStatus.EXPIRED, "L'enlèvement convenu reste prévu."),
        (ReservationStatus.PENDING, LotStatus.COLLECTED, "Ce lot a été entièrement enlevé."),
    ],
)
def test_a_request_still_running_on_a_lot_gone_says_the_lot_is_gone(
    client, reservation, requester, member, status, lot_status, told
):
    put_in(reservation, status)
    Lot.objects.filter(pk=reservation.lot_id).update(status=lot_status)
    for user in (requester, member):
        client.force_login(user)
        detail = page(client.get(reservation.get_absolute_url()))
        assert told in detail
        assert "encore disponible" not in detail
    assert ("L'enlèvement convenu reste prévu." in detail) == (status == ReservationStatus.ACCEPTED)


def test_a_request_already_closed_does_not_repeat_that_the_lot_is_gone(
    client, reservation, requester
):
    put_in(reservation, ReservationStatus.DECLINED)
    Lot.objects.filter(pk=reservation.lot_id).update(status=LotStatus.WITHDRAWN)
    client.force_login(requester)
    assert "Ce lot n'est plus proposé." not in page(client.get(reservation.get_absolute_url()))


def test_a_request_on_a_lot_still_offered_does_not_say_it_is_gone(client, reservation, requester):
    client.force_login(requester)
    detail = page(client.get(reservation.get_absolute_url()))
    assert "Ce lot n'est plus proposé." not in detail and "(20 encore disponibles)" in detail


def test_members_see_the_requests_received_on_their_lot(client, reservation, member):
    client.force_login(member)
    lot_page = page(client.get(reservation.lot.get_absolute_url()))
    assert reservation.get_absolute_url() in lot_page
    assert "Camille Durand" in lot_page
    assert "5 réservés" not in lot_page and "0 réservé, 0 enlevé" in lot_page


@pytest.mark.parametrize(
    ("reserved", "collected", "told"),
    [(1, 0, "1 réservé, 0 enlevé"), (2, 1, "2 réservés, 1 enlevé"), (0, 3, "0 réservé, 3 enlevés")],
)
def test_members_read_reserved_and_collected_in_the_french_singular_or_plural(
    client, lot, member, reserved, collected, told
):
    Lot.objects.filter(pk=lot.pk).update(quantity_reserved=reserved, quantity_collected=collected)
    client.force_login(member)
    assert told in page(client.get(lot.get_absolute_url()))


# --- Reading ------------------------------------------------------------------------------


def test_both_parties_see_the_reservation_with_its_history(client, lot, member, requester):
    reservation = reservations.request_reservation(
        lot, requester, quantity=3, pickup_at=timezone.now() + timedelta(days=2), message="Bonjour"
    )
    reservations.accept_reservation(reservation, member)
    for user in (requester, member):
        client.force_login(user)
        detail = page(client.get(reservation.get_absolute_url()))
        assert reservation.reference in detail and "Bonjour" in detail
        assert "Acceptée, enlèvement prévu" in detail and "En attente de réponse" in detail
        # The actors of the history, by name; a member who gave none is not named by address.
        assert "Camille Durand" in detail and "Utilisateur sans nom" in detail
        assert reverse("annonces:voucher", args=[reservation.reference]) in detail
    assert reverse("annonces:reservation_collect", args=[reservation.reference]) in detail
    client.force_login(requester)
    detail = page(client.get(reservation.get_absolute_url()))
    assert reverse("annonces:reservation_collect", args=[reservation.reference]) not in detail
    assert reverse("annonces:reservation_cancel", args=[reservation.reference]) in detail


def test_the_list_shows_made_and_received_requests_with_filters(client, reservation, member):
    mine = ReservationFactory(requester=member, lot=LotFactory(title="Tuiles anciennes"))
    client.force_login(member)
    url = reverse("annonces:reservation_list")
    everything = page(client.get(url))
    assert reservation.reference in everything and mine.reference in everything
    made = page(client.get(url, {"sens": "faites"}))
    assert mine.reference in made and reservation.reference not in made
    received = page(client.get(url, {"sens": "recues", "statut": "pending"}))
    assert reservation.reference in received and mine.reference not in received
    assert reservation.reference not in page(client.get(url, {"statut": "accepted"}))
    # Nonsense filters are ignored, never an error.
    response = client.get(url, {"sens": "<x>", "statut": "nimporte", "page": "abc"})
    assert response.status_code == 200 and reservation.reference in page(response)


def test_the_list_is_paginated_and_keeps_its_filters(client, member):
    lot = LotFactory()
    for _ in range(25):
        ReservationFactory(requester=member, lot=lot, status=ReservationStatus.CANCELLED)
    client.force_login(member)
    listing = page(client.get(reverse("annonces:reservation_list"), {"sens": "faites"}))
    assert "Page 1 sur 2" in listing and "sens=faites&amp;page=2" in listing


def test_the_list_runs_a_fixed_number_of_queries(client, member, django_assert_max_num_queries):
    lot = LotFactory(organisation=member.memberships.get().organisation)
    for _ in range(8):
        ReservationFactory(lot=lot)
    client.force_login(member)
    # 11: the header's unread conversations count is one query.
    with django_assert_max_num_queries(11):
        assert client.get(reverse("annonces:reservation_list")).status_code == 200


# --- Answering ----------------------------------------------------------------------------


def test_a_member_accepts_and_the_quantity_is_set_aside(client, reservation, member, requester):
    client.force_login(member)
    response = client.post(reverse("annonces:reservation_accept", args=[reservation.reference]))
    assert response["Location"] == reservation.get_absolute_url()
    assert "Demande acceptée" in said(response)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED
    assert reservation.lot.quantity_reserved == 5
    assert reservation.events.get().actor == member
    assert Notification.objects.filter(user=requester).exists()


def test_accepting_twice_says_so_in_french_and_changes_nothing(client, reservation, member):
    put_in(reservation, ReservationStatus.ACCEPTED)
    before = snapshot(reservation)
    client.force_login(member)
    response = client.post(reverse("annonces:reservation_accept", args=[reservation.reference]))
    assert response.status_code == 302
    assert typo("Cette demande est déjà « Acceptée, enlèvement prévu »") in said(response)
    assert snapshot(reservation) == before


def test_the_requester_cannot_answer_their_own_request(client, reservation, requester):
    before = snapshot(reservation)
    client.force_login(requester)
    response = client.post(reverse("annonces:reservation_accept", args=[reservation.reference]))
    assert response.status_code == 302 and "Seuls les membres" in said(response)
    response = client.post(
        reverse("annonces:reservation_decline", args=[reservation.reference]), {"reason": "x"}
    )
    assert response.status_code == 200 and "Seuls les membres" in page(response)
    assert snapshot(reservation) == before


def test_a_member_declines_with_a_reason(client, reservation, member, requester):
    client.force_login(member)
    url = reverse("annonces:reservation_decline", args=[reservation.reference])
    assert "Motif du refus" in page(client.get(url))
    response = client.post(url, {"reason": "Plus rien pour vous"})
    assert "Demande refusée" in said(response)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.DECLINED
    assert reservation.decline_reason == "Plus rien pour vous"
    assert reservation.events.get().note == "Plus rien pour vous"


def test_declining_without_a_reason_is_refused(client, reservation, member):
    before = snapshot(reservation)
    client.force_login(member)
    url = reverse("annonces:reservation_decline", args=[reservation.reference])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200 and "Donnez le motif du refus" in page(response)
    assert snapshot(reservation) == before


def test_declining_an_accepted_reservation_frees_its_units(client, reservation, member):
    put_in(reservation, ReservationStatus.ACCEPTED)
    client.force_login(member)
    response = client.post(
        reverse("annonces:reservation_decline", args=[reservation.reference]), {"reason": "Panne"}
    )
    assert "Enlèvement annulé" in said(response)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.DECLINED
    assert reservation.lot.quantity_reserved == 0


@pytest.mark.parametrize(
    ("status", "link", "title", "label"),
    [
        (ReservationStatus.PENDING, "Refuser", "Refuser la demande", "Motif du refus"),
        (ReservationStatus.PROPOSED, "Refuser", "Refuser la demande", "Motif du refus"),
        (
            ReservationStatus.ACCEPTED,
            "Annuler l'enlèvement",
            "Annuler l'enlèvement",
            "Pourquoi l'enlèvement est annulé",
        ),
    ],
)
def test_declining_an_accepted_reservation_is_called_cancelling_the_pickup(
    client, reservation, member, status, link, title, label
):
    put_in(reservation, status)
    client.force_login(member)
    url = reverse("annonces:reservation_decline", args=[reservation.reference])
    assert f'<a href="{url}">{link}</a>' in page(client.get(reservation.get_absolute_url()))
    form_page = page(client.get(url))
    assert f"<h1>{title}</h1>" in form_page
    assert f'<button type="submit" class="button button--danger">{title}</button>' in form_page
    assert label in form_page


def test_a_member_proposes_another_slot_and_the_requester_confirms(
    client, reservation, member, requester
):
    client.force_login(member)
    url = reverse("annonces:reservation_propose", args=[reservation.reference])
    assert client.get(url).status_code == 200
    response = client.post(url, {"pickup_at": slot(6, 14), "message": "Plutôt l'après-midi"})
    assert "Créneau proposé" in said(response)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.PROPOSED
    assert timezone.localtime(reservation.pickup_at).hour == 14
    assert reservation.events.get().note == "Plutôt l'après-midi"

    client.force_login(requester)
    assert "Confirmer ce créneau" in page(client.get(reservation.get_absolute_url()))
    response = client.post(reverse("annonces:reservation_confirm", args=[reservation.reference]))
    assert "Créneau confirmé" in said(response)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED
    assert reservation.lot.quantity_reserved == 5
    assert reservation.events.count() == 2


def test_confirming_a_request_with_no_proposal_says_so(client, reservation, requester):
    before = snapshot(reservation)
    client.force_login(requester)
    response = client.post(reverse("annonces:reservation_confirm", args=[reservation.reference]))
    assert typo("Cette demande est déjà « En attente de réponse »") in said(response)
    assert snapshot(reservation) == before


def test_a_proposal_in_the_past_is_refused(client, reservation, member):
    before = snapshot(reservation)
    client.force_login(member)
    response = client.post(
        reverse("annonces:reservation_propose", args=[reservation.reference]),
        {"pickup_at": slot(-2)},
    )
    assert response.status_code == 200 and "créneau d'enlèvement à venir" in page(response)
    assert snapshot(reservation) == before


def test_the_requester_cancels_after_a_confirmation_page(client, reservation, member, requester):
    put_in(reservation, ReservationStatus.ACCEPTED)
    client.force_login(requester)
    url = reverse("annonces:reservation_cancel", args=[reservation.reference])
    assert "Oui, annuler ma demande" in page(client.get(url))
    assert reservation.status == ReservationStatus.ACCEPTED  # a GET changes nothing
    response = client.post(url, {"reason": "Camion en panne"})
    assert "Demande annulée" in said(response)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.CANCELLED
    assert reservation.lot.quantity_reserved == 0
    assert reservation.events.get().actor == requester
    assert Notification.objects.filter(user=member).exists()


def test_an_action_page_for_a_closed_request_sends_back_with_a_message(
    client, reservation, requester
):
    put_in(reservation, ReservationStatus.DECLINED)
    client.force_login(requester)
    response = client.get(reverse("annonces:reservation_cancel", args=[reservation.reference]))
    assert response.status_code == 302 and "ne s'y prête pas" in said(response)
    before = snapshot(reservation)
    response = client.post(reverse("annonces:reservation_cancel", args=[reservation.reference]))
    assert response.status_code == 200 and typo("déjà « Refusée »") in page(response)
    assert snapshot(reservation) == before


# --- Collecting ---------------------------------------------------------------------------


def test_the_collection_form_suggests_the_accepted_quantity_and_estimated_weight(
    client, reservation, member
):
    put_in(reservation, ReservationStatus.ACCEPTED)
    client.force_login(member)
    form_page = page(
        client.get(reverse("annonces:reservation_collect", args=[reservation.reference]))
    )
    assert 'name="quantity" value="5"' in form_page
    assert 'name="weight_kg" value="15.0"' in form_page  # 60 kg × 5 / 20


def test_a_member_records_the_collection(client, reservation, member, requester):
    put_in(reservation, ReservationStatus.ACCEPTED)
    client.force_login(member)
    response = client.post(
        reverse("annonces:reservation_collect", args=[reservation.reference]),
        {"quantity": "4", "weight_kg": "12,5"},
    )
    assert "Enlèvement enregistré" in said(response)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.COLLECTED
    assert (reservation.collected_quantity, str(reservation.collected_weight_kg)) == (4, "12.5")
    lot = reservation.lot
    assert (lot.quantity_reserved, lot.quantity_collected, lot.quantity_available) == (0, 4, 16)
    assert reservation.events.get().to_status == ReservationStatus.COLLECTED


def test_collecting_a_pending_request_is_refused(client, reservation, member):
    before = snapshot(reservation)
    client.force_login(member)
    url = reverse("annonces:reservation_collect", args=[reservation.reference])
    assert client.get(url).status_code == 302
    response = client.post(url, {"quantity": "5", "weight_kg": "1"})
    assert response.status_code == 200 and typo("déjà « En attente de réponse »") in page(response)
    assert snapshot(reservation) == before


def test_collecting_more_than_accepted_is_refused(client, reservation, member):
    put_in(reservation, ReservationStatus.ACCEPTED)
    before = snapshot(reservation)
    client.force_login(member)
    response = client.post(
        reverse("annonces:reservation_collect", args=[reservation.reference]),
        {"quantity": "6", "weight_kg": "1"},
    )
    assert response.status_code == 200 and "Au plus 5, la quantité acceptée" in page(response)
    assert snapshot(reservation) == before


# --- Voucher ------------------------------------------------------------------------------


def test_the_voucher_of_an_accepted_reservation_shows_both_parties(
    client, reservation, member, requester
):
    put_in(reservation, ReservationStatus.ACCEPTED)
    for user in (member, requester):
        client.force_login(user)
        voucher = page(client.get(reverse("annonces:voucher", args=[reservation.reference])))
        assert reservation.reference in voucher
        assert reservation.lot.organisation.name in voucher and "Camille Durand" in voucher
        assert "Planches de chêne" in voucher and reservation.lot.category.name in voucher
        assert "5 pièce(s)" in voucher and "15 kg" in voucher and "estimé" in voucher
        assert "Imprimer" in voucher and "js/print.js" in voucher


def test_the_voucher_of_a_collected_reservation_shows_what_left(client, reservation, member):
    put_in(reservation, ReservationStatus.ACCEPTED)
    reservations.confirm_collection(reservation, member, quantity=3, weight_kg="9.5")
    client.force_login(member)
    voucher = page(client.get(reverse("annonces:voucher", args=[reservation.reference])))
    assert "3 pièce(s)" in voucher and "9,5 kg" in voucher and "estimé" not in voucher


@pytest.mark.parametrize(
    "status", [ReservationStatus.PENDING, ReservationStatus.DECLINED, ReservationStatus.CANCELLED]
)
def test_there_is_no_voucher_before_acceptance(client, reservation, requester, status):
    put_in(reservation, status)
    client.force_login(requester)
    assert client.get(reverse("annonces:voucher", args=[reservation.reference])).status_code == 404


# --- Notifications and Mon espace ---------------------------------------------------------


def test_notifications_are_listed_newest_first_and_marked_read(client, requester):
    Notification.objects.create(user=requester, subject="Première", body="Un", url="/")
    Notification.objects.create(user=requester, subject="Seconde", body="Deux", url="/")
    Notification.objects.create(user=VerifiedUserFactory(), subject="Pas pour vous", body="x")
    client.force_login(requester)
    listing = page(client.get(reverse("annonces:notifications")))
    assert listing.index("Seconde") < listing.index("Première")
    assert "Pas pour vous" not in listing and "Nouveau" in listing
    assert not requester.notifications.filter(read_at__isnull=True).exists()
    assert "Nouveau" not in page(client.get(reverse("annonces:notifications")))


def test_every_page_header_counts_unread_notifications_until_they_are_opened(client, requester):
    header_link = f'class="header-badge" href="{reverse("annonces:notifications")}"'
    assert header_link not in page(client.get(reverse("annonces:lot_list")))  # anonymous
    client.force_login(requester)
    assert header_link not in page(client.get(reverse("annonces:lot_list")))
    Notification.objects.create(user=requester, subject="Demande acceptée", body="x")
    Notification.objects.create(user=requester, subject="Rappel", body="x")
    listing = page(client.get(reverse("annonces:lot_list")))
    assert header_link in listing and "2 notifications non lues" in listing
    client.get(reverse("annonces:notifications"))
    assert header_link not in page(client.get(reverse("annonces:lot_list")))


def test_my_space_shows_requests_pickups_and_my_own(client, reservation, member, requester):
    accepted = ReservationFactory(lot=reservation.lot, status=ReservationStatus.ACCEPTED)
    mine = ReservationFactory(requester=member)
    Notification.objects.create(user=member, subject="Nouvelle demande", body="x")
    client.force_login(member)
    space = page(client.get(reverse("annonces:my_space")))
    assert "Demandes de réservation arriveront ici" not in space
    for shown in (reservation, accepted, mine):
        assert shown.get_absolute_url() in space
    assert "1 notification non lue" in space
    assert "20 pièce(s) disponibles sur 20" in space
    client.force_login(requester)
    space = page(client.get(reverse("annonces:my_space")))
    assert reservation.get_absolute_url() in space and accepted.reference not in space


def test_my_space_runs_a_fixed_number_of_queries_with_reservations(
    client, member, django_assert_max_num_queries
):
    organisation = member.memberships.get().organisation
    for _ in range(4):
        lot = LotFactory(organisation=organisation)
        ReservationFactory(lot=lot)
        ReservationFactory(lot=lot, status=ReservationStatus.ACCEPTED)
        ReservationFactory(requester=member, organisation=None)
    client.force_login(member)
    # 2 of them: the structure's impact; 1 the user's structures, for the absences shown
    # 17: the unread conversations count (header and section) and the threads list.
    with django_assert_max_num_queries(17):
        assert client.get(reverse("annonces:my_space")).status_code == 200


# --- Editing a lot with reservations ------------------------------------------------------


def test_a_lot_cannot_be_edited_below_what_is_allocated(client, lot, member):
    Lot.objects.filter(pk=lot.pk).update(quantity_reserved=5, quantity_collected=3)
    client.force_login(member)
    data = {"title": lot.title, "description": "", "category": lot.category_id, "quantity": "7",
            "unit": "piece", "weight_kg": "60", "condition": "good", "price_kind": "free",
            "price": "", "audience": "everyone", "available_from": lot.available_from.isoformat(),
            "available_until": "", "pickup": "own", "address": "", "postcode": "", "city": "",
            "publish": "1"}  # fmt: skip
    response = client.post(reverse("annonces:lot_edit", args=[lot.slug]), data)
    assert response.status_code == 200
    assert "8 sont déjà réservés ou enlevés" in page(response)
    lot.refresh_from_db()
    assert lot.quantity == 20
    data["quantity"] = "8"
    assert client.post(reverse("annonces:lot_edit", args=[lot.slug]), data).status_code == 302
    lot.refresh_from_db()
    assert lot.quantity == 8 and lot.status == LotStatus.RESERVED
