"""What the e-mails of a cancelled or declined reservation tell their reader.

The services say why the reservation ended (`was_accepted`, `lot_gone`, `by_network`); the
subject, text and HTML must agree with it, and a flag left out reads as False.
"""

import re

import pytest

from annonces.emails import render_email
from reemploi.typography import typo
from tests.factories import LotFactory, OrganisationFactory, ReservationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

URL = "https://reemploi.example/espace/reservations/BE-TEST-0001/"
BACK_AGAIN = "La quantité est de nouveau disponible."


@pytest.fixture
def reservation():
    lot = LotFactory(
        title="Planches de chêne", organisation=OrganisationFactory(name="Ressourcerie du Port")
    )
    requester = VerifiedUserFactory(first_name="Camille", last_name="Durand")
    return ReservationFactory(
        lot=lot, requester=requester, quantity=4, decline_reason="Le lot a été réservé ailleurs."
    )


def render(name, reservation, **flags):
    """The subject, the text, and the HTML as read in a mail client (tags and escapes gone)."""
    context = {"reservation": reservation, "lot": reservation.lot, "url": URL, **flags}
    subject, text, html = render_email(f"reservations/emails/{name}", context)
    html = re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&quot;", '"')
    return subject, " ".join(text.split()), " ".join(html.split())


def in_both(words, text, html) -> bool:
    return words in text and words in html


# --- Cancelled, told to the organisation --------------------------------------------------


def test_a_cancelled_request_does_not_say_the_quantity_is_available_again(reservation):
    subject, text, html = render("reservation_cancelled", reservation, was_accepted=False)
    assert subject == typo(f"Demande annulée : « Planches de chêne » ({reservation.reference})")
    assert in_both(
        "Camille Durand a annulé sa demande de 4 pièce(s) du lot « Planches de chêne ».",
        text,
        html,
    )
    assert BACK_AGAIN not in text and BACK_AGAIN not in html


def test_a_cancelled_request_without_the_flag_reads_as_a_request(reservation):
    subject, text, html = render("reservation_cancelled", reservation)
    assert subject.startswith("Demande annulée")
    assert BACK_AGAIN not in text and BACK_AGAIN not in html


def test_a_cancelled_accepted_reservation_says_the_quantity_is_available_again(reservation):
    subject, text, html = render(
        "reservation_cancelled", reservation, was_accepted=True, reason="Chantier reporté."
    )
    assert subject == typo(f"Réservation annulée : « Planches de chêne » ({reservation.reference})")
    assert in_both(
        "Camille Durand a annulé sa réservation de 4 pièce(s) du lot « Planches de chêne » : "
        "l'enlèvement prévu n'aura pas lieu. " + BACK_AGAIN,
        text,
        html,
    )
    assert in_both("Son message : Chantier reporté.", text, html)
    assert URL in text  # the HTML links it behind « Voir la demande »


# --- Declined, told to the requester ------------------------------------------------------


def test_a_request_the_organisation_declines_gives_its_reason(reservation):
    subject, text, html = render("reservation_declined", reservation)
    assert subject == typo("Votre demande n'a pas pu être acceptée : « Planches de chêne »")
    assert in_both(
        "Ressourcerie du Port ne peut pas donner suite à votre demande de 4 pièce(s) "
        "du lot « Planches de chêne ».",
        text,
        html,
    )
    assert in_both("Motif : Le lot a été réservé ailleurs.", text, html)


def test_an_accepted_reservation_the_organisation_cancels_is_not_called_unaccepted(reservation):
    subject, text, html = render("reservation_declined", reservation, was_accepted=True)
    assert subject == typo("Votre réservation est annulée : « Planches de chêne »")
    assert in_both(
        "Ressourcerie du Port a annulé votre réservation de 4 pièce(s) du lot "
        "« Planches de chêne » : l'enlèvement prévu n'aura pas lieu.",
        text,
        html,
    )
    assert "pas pu être acceptée" not in text and "ne peut pas donner suite" not in text
    assert in_both("Motif : Le lot a été réservé ailleurs.", text, html)


def test_a_request_on_a_lot_gone_says_the_lot_left_not_that_it_was_refused(reservation):
    reservation.decline_reason = "Le lot a été entièrement enlevé."
    subject, text, html = render(
        "reservation_declined", reservation, was_accepted=False, lot_gone=True, by_network=False
    )
    assert subject == typo("Votre demande ne peut pas aboutir : « Planches de chêne »")
    assert in_both(
        "Le lot « Planches de chêne » n'est plus proposé : votre demande de 4 pièce(s) "
        "ne peut pas aboutir.",
        text,
        html,
    )
    assert "ne peut pas donner suite" not in text and "ne peut pas donner suite" not in html
    assert in_both("Motif : Le lot a été entièrement enlevé.", text, html)


def test_a_request_on_a_lot_the_network_withdrew_does_not_blame_the_organisation(reservation):
    reservation.decline_reason = "Le lot a été retiré des annonces par le réseau."
    subject, text, html = render(
        "reservation_declined", reservation, was_accepted=False, lot_gone=True, by_network=True
    )
    assert subject == typo("Votre demande ne peut pas aboutir : « Planches de chêne »")
    assert in_both(
        "Le réseau Réemploi GOSB a retiré le lot « Planches de chêne » des annonces : "
        "votre demande de 4 pièce(s) ne peut pas aboutir.",
        text,
        html,
    )
    assert "Ressourcerie du Port" not in text and "Ressourcerie du Port" not in html
    assert in_both("Motif : Le lot a été retiré des annonces par le réseau.", text, html)


def test_a_planned_pickup_the_network_cancels_says_the_reservation_is_cancelled(reservation):
    reservation.decline_reason = "Le lot a été retiré des annonces par le réseau."
    subject, text, html = render(
        "reservation_declined", reservation, was_accepted=True, lot_gone=True, by_network=True
    )
    assert subject == typo("Votre réservation est annulée : « Planches de chêne »")
    assert in_both(
        "Le réseau Réemploi GOSB a retiré le lot « Planches de chêne » des annonces : "
        "votre réservation de 4 pièce(s) est annulée et l'enlèvement prévu n'aura pas lieu.",
        text,
        html,
    )
    assert "Ressourcerie du Port" not in text and "Ressourcerie du Port" not in html
    assert in_both("Motif : Le lot a été retiré des annonces par le réseau.", text, html)
