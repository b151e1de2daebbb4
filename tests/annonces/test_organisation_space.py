"""Structures are asked for, validated by the network, and admins invite and manage people."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import MembershipRole
from annonces.models import Invitation, Lot, Membership, Organisation
from annonces.organisations import services
from tests.factories import LotFactory, MembershipFactory, UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """E-mails leave after commit: run those callbacks as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


VALID_SIRET = "73282932000074"


def organisation_data(**overrides):
    data = {
        "name": "Atelier <b>Bois</b>",
        "kind": "association",
        "siret": "732 829 320 00074",
        "address": "5 avenue de Paris",
        "postcode": "94800",
        "city": "Villejuif",
        "description": "",
        "opening_hours": "",
        "website": "",
        "email": "",
        "phone": "",
    }
    data.update(overrides)
    return data


def test_a_requested_organisation_waits_for_validation_and_hides_its_lots(
    client, mailoutbox, committing
):
    UserFactory(is_superuser=True, email="animation@example.org")
    user = VerifiedUserFactory()
    client.force_login(user)

    with committing():
        response = client.post(reverse("annonces:organisation_create"), organisation_data())

    assert response.status_code == 302
    organisation = Organisation.objects.get(siret=VALID_SIRET)
    assert organisation.validated_at is None
    assert organisation.location_precision == "municipality"
    assert Membership.objects.get(user=user).role == MembershipRole.ADMIN
    assert mailoutbox[0].to == ["animation@example.org"]
    lot = LotFactory(organisation=organisation)
    assert lot not in Lot.objects.visible()
    assert not lot.is_visible


def test_a_network_admin_validates_and_the_lots_go_public(client, mailoutbox, committing):
    organisation = MembershipFactory(organisation__validated_at=None).organisation
    lot = LotFactory(organisation=organisation)
    admin = VerifiedUserFactory(is_superuser=True)
    client.force_login(admin)
    assert organisation.name in client.get(reverse("annonces:my_space")).content.decode()

    with committing():
        client.post(reverse("annonces:organisation_validate", args=[organisation.slug]))

    organisation.refresh_from_db()
    assert organisation.is_validated
    assert lot in Lot.objects.visible()
    assert "validée" in mailoutbox[0].subject


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("12345678901234", "Ce numéro SIRET n&#x27;existe pas"),
        ("1234", "Un SIRET compte 14 chiffres"),
        ("", "Champ requis."),
    ],
)
def test_a_bad_siret_is_explained_and_the_form_kept(client, siret, message):
    client.force_login(VerifiedUserFactory())
    response = client.post(reverse("annonces:organisation_create"), organisation_data(siret=siret))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert "Villejuif" in page
    assert not Organisation.objects.exists()


def test_an_admin_invites_and_the_invitee_joins(client, mailoutbox, committing):
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    client.force_login(admin.user)
    with committing():
        client.post(
            reverse("annonces:organisation_members", args=[admin.organisation.slug]),
            {"email": "Benevole@Example.org", "role": "staff"},
        )
    (mail,) = mailoutbox
    link = next(w for w in mail.body.split() if "/invitations/" in w)
    assert mail.alternatives[0][1] == "text/html"

    invitee = VerifiedUserFactory(email="benevole@example.org")
    client.force_login(invitee)
    path = link.split("8000", 1)[-1]
    assert "Rejoindre" in client.get(path).content.decode()
    assert not Membership.objects.filter(user=invitee).exists()  # a GET does not join
    client.post(path)
    assert Membership.objects.get(user=invitee).role == MembershipRole.STAFF


def test_an_invitation_for_another_address_is_refused(client):
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    token = services.invite(admin.organisation, admin.user, "quelquun@example.org", "admin")
    intruder = VerifiedUserFactory()
    client.force_login(intruder)
    response = client.post(reverse("annonces:invitation_accept", args=[token]))
    assert response.status_code == 400 and "quelquun@example.org" in response.content.decode()
    assert not Membership.objects.filter(user=intruder).exists()


def test_an_expired_or_forged_invitation_is_refused(client):
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    user = VerifiedUserFactory()
    token = services.invite(admin.organisation, admin.user, user.email, "staff")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(user)

    response = client.post(reverse("annonces:invitation_accept", args=[token]))
    assert "a expiré" in response.content.decode()
    response = client.post(reverse("annonces:invitation_accept", args=[token[:-3] + "abc"]))
    assert "pas valide" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_admins_change_roles_but_the_last_admin_stays(client):
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    staff = MembershipFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    url = reverse("annonces:membership_change", args=[staff.pk])
    client.post(url, {"role": "admin"})
    staff.refresh_from_db()
    assert staff.role == MembershipRole.ADMIN

    client.post(reverse("annonces:membership_change", args=[admin.pk]), {"role": "staff"})
    client.post(url, {"role": "staff"})  # would leave no admin: refused
    admin.refresh_from_db()
    staff.refresh_from_db()
    assert {admin.role, staff.role} == {MembershipRole.ADMIN, MembershipRole.STAFF}

    with pytest.raises(services.OrganisationError):
        services.remove_member(
            Membership.objects.get(role=MembershipRole.ADMIN, organisation=admin.organisation),
            Membership.objects.get(role=MembershipRole.ADMIN).user,
        )
