"""Every URL that changes something refuses outsiders, and nothing changes when it does."""

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import LotStatus, MembershipRole
from annonces.models import Lot, LotPhoto, Membership, Organisation
from tests.factories import (
    CategoryFactory,
    LotPhotoFactory,
    MembershipFactory,
    UserFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


def refused(response) -> bool:
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and reverse("account_login") in response["Location"]


OUTSIDERS = ["anonymous", "other_member", "unverified"]


@pytest.fixture
def lot():
    photo = LotPhotoFactory()
    MembershipFactory(organisation=photo.lot.organisation, role=MembershipRole.ADMIN)
    return photo.lot


def login_as(kind, client, lot):
    if kind == "other_member":
        client.force_login(MembershipFactory(role=MembershipRole.ADMIN).user)
    elif kind == "unverified":
        user = UserFactory()  # no confirmed EmailAddress
        Membership.objects.create(user=user, organisation=lot.organisation, role="admin")
        client.force_login(user)


def snapshot(lot):
    lot.refresh_from_db()
    return (lot.title, lot.status, lot.quantity, lot.photos.count(), Lot.objects.count())


@pytest.mark.parametrize("kind", OUTSIDERS)
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("annonces:lot_edit", {"title": "Piraté", "quantity": "1", "publish": "1"}),
        ("annonces:lot_publish", {}),
        ("annonces:lot_duplicate", {}),
        ("annonces:lot_withdraw", {}),
        ("annonces:lot_moderate", {"reason": "spam"}),
    ],
)
def test_lot_actions_refuse_outsiders_and_change_nothing(client, lot, kind, name, data):
    if name == "annonces:lot_publish":
        Lot.objects.filter(pk=lot.pk).update(status=LotStatus.DRAFT)
    login_as(kind, client, lot)
    before = snapshot(lot)
    assert refused(client.post(reverse(name, args=[lot.slug]), data))
    assert refused(client.get(reverse(name, args=[lot.slug]))) or name in (
        "annonces:lot_publish",
        "annonces:lot_duplicate",
    )
    assert snapshot(lot) == before


@pytest.mark.parametrize("kind", OUTSIDERS)
def test_photo_delete_refuses_outsiders(client, lot, kind):
    login_as(kind, client, lot)
    photo = lot.photos.get()
    url = reverse("annonces:photo_delete", args=[lot.slug, photo.pk])
    assert refused(client.post(url))
    assert LotPhoto.objects.filter(pk=photo.pk).exists()


@pytest.mark.parametrize("kind", OUTSIDERS)
def test_posting_a_lot_refuses_outsiders(client, lot, kind):
    login_as(kind, client, lot)
    data = {"organisation": lot.organisation.pk, "title": "Intrus", "quantity": "1",
            "category": CategoryFactory().pk, "weight_kg": "1", "unit": "piece",
            "condition": "good", "price_kind": "free", "audience": "everyone",
            "available_from": timezone.localdate().isoformat(), "pickup": "own"}  # fmt: skip
    response = client.post(reverse("annonces:lot_create"), data)
    if kind == "other_member":
        # Their own organisations only: someone else's is not a valid choice.
        assert response.status_code == 200 and "Sélectionnez un choix valide" in (
            response.content.decode()
        )
    else:
        assert refused(response)
    assert Lot.objects.filter(title="Intrus").count() == 0


@pytest.mark.parametrize("kind", OUTSIDERS)
def test_organisation_admin_actions_refuse_outsiders(client, lot, kind, mailoutbox):
    organisation = lot.organisation
    membership = organisation.memberships.get()
    login_as(kind, client, lot)
    assert refused(client.post(reverse("annonces:organisation_members", args=[organisation.slug]),
                               {"email": "x@example.org", "role": "admin"}))  # fmt: skip
    assert refused(client.post(reverse("annonces:membership_change", args=[membership.pk]),
                               {"role": "staff"}))  # fmt: skip
    assert refused(client.post(reverse("annonces:membership_change", args=[membership.pk]),
                               {"remove": "1"}))  # fmt: skip
    membership.refresh_from_db()
    assert membership.role == MembershipRole.ADMIN
    assert not mailoutbox


@pytest.mark.parametrize("kind", [*OUTSIDERS, "organisation_admin"])
def test_only_network_admins_validate_organisations(client, lot, kind):
    pending = Organisation.objects.create(name="Nouvelle", kind="association", city="Ivry",
                                          validated_at=None)  # fmt: skip
    if kind == "organisation_admin":
        client.force_login(lot.organisation.memberships.get().user)
    else:
        login_as(kind, client, lot)
    assert refused(client.post(reverse("annonces:organisation_validate", args=[pending.slug])))
    pending.refresh_from_db()
    assert pending.validated_at is None


def test_creating_an_organisation_needs_a_verified_account(client):
    assert refused(client.post(reverse("annonces:organisation_create"), {"name": "X"}))
    client.force_login(UserFactory())
    assert refused(client.post(reverse("annonces:organisation_create"), {"name": "X"}))
    assert not Organisation.objects.filter(name="X").exists()


def test_my_space_needs_a_verified_login(client):
    assert refused(client.get(reverse("annonces:my_space")))
    client.force_login(UserFactory())
    response = client.get(reverse("annonces:my_space"))
    assert response.status_code == 403
    assert "Vérifiez votre adresse e-mail" in response.content.decode()


def test_a_member_of_the_organisation_sees_edit_controls_others_do_not(client, lot):
    member = lot.organisation.memberships.get().user
    client.force_login(member)
    assert "Modifier" in client.get(lot.get_absolute_url()).content.decode()
    client.force_login(VerifiedUserFactory())
    assert (
        reverse("annonces:lot_edit", args=[lot.slug])
        not in client.get(lot.get_absolute_url()).content.decode()
    )
