"""Invitations are one-time records: pending, then accepted, revoked or expired."""

import pytest
from django.urls import reverse

from annonces.choices import InvitationStatus, MembershipRole
from annonces.models import Invitation, Membership
from annonces.organisations import services
from tests.factories import MembershipFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def accept_url(token):
    return reverse("annonces:invitation_accept", args=[token])


def test_a_removed_admin_cannot_replay_their_invitation(client):
    founder = MembershipFactory(role=MembershipRole.ADMIN)
    organisation = founder.organisation
    invitee = VerifiedUserFactory(email="nouvelle@example.org")
    token = services.invite(organisation, founder.user, invitee.email, MembershipRole.ADMIN)
    client.force_login(invitee)
    client.post(accept_url(token))
    membership = Membership.objects.get(user=invitee, organisation=organisation)
    services.remove_member(membership, founder.user)

    response = client.post(accept_url(token))

    assert response.status_code == 400
    assert "déjà été utilisée" in response.content.decode()
    assert not Membership.objects.filter(user=invitee, organisation=organisation).exists()


def test_a_revoked_invitation_says_so_and_lets_no_one_in(client):
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    invitee = VerifiedUserFactory()
    token = services.invite(admin.organisation, admin.user, invitee.email)
    invitation = Invitation.objects.get()
    client.force_login(admin.user)
    confirm = client.get(reverse("annonces:invitation_revoke", args=[invitation.pk]))
    assert "Oui, annuler l'invitation" in confirm.content.decode()
    assert Invitation.objects.get().status == InvitationStatus.PENDING  # a GET changes nothing
    client.post(reverse("annonces:invitation_revoke", args=[invitation.pk]))

    client.force_login(invitee)
    response = client.post(accept_url(token))
    assert "annulée par la structure" in response.content.decode()
    assert not Membership.objects.filter(user=invitee).exists()


def test_the_members_page_lists_invitations_and_their_state(client):
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    services.invite(admin.organisation, admin.user, "attente@example.org")
    client.force_login(admin.user)
    page = client.get(reverse("annonces:organisation_members", args=[admin.organisation.slug]))
    text = page.content.decode()
    assert "attente@example.org" in text and "En attente" in text
    assert "Annuler l&#x27;invitation" in text or "Annuler l'invitation" in text


def test_a_new_invitation_replaces_the_pending_one():
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    first = services.invite(admin.organisation, admin.user, "x@example.org")
    services.invite(admin.organisation, admin.user, "X@example.org", MembershipRole.ADMIN)
    with pytest.raises(services.InvitationError, match="annulée"):
        services.read_invitation(first)
    assert Invitation.objects.pending().get().role == MembershipRole.ADMIN


def test_removing_a_member_revokes_what_was_sent_to_them():
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    staff = MembershipFactory(organisation=admin.organisation)
    token = services.invite(admin.organisation, admin.user, staff.user.email, MembershipRole.ADMIN)
    services.remove_member(staff, admin.user)
    with pytest.raises(services.InvitationError, match="annulée"):
        services.read_invitation(token)


def test_an_admin_of_another_structure_cannot_revoke(client):
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    services.invite(admin.organisation, admin.user, "x@example.org")
    other = MembershipFactory(role=MembershipRole.ADMIN, organisation=OrganisationFactory())
    client.force_login(other.user)
    pk = Invitation.objects.get().pk
    assert client.post(reverse("annonces:invitation_revoke", args=[pk])).status_code == 404
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_an_unvalidated_structure_cannot_invite(client, mailoutbox):
    admin = MembershipFactory(role=MembershipRole.ADMIN, organisation__validated_at=None)
    client.force_login(admin.user)
    url = reverse("annonces:organisation_members", args=[admin.organisation.slug])
    response = client.post(url, {"email": "cible@example.org", "role": "staff"})
    assert response.status_code == 200
    assert "validée" in response.content.decode()
    assert "cible@example.org" in response.content.decode()  # what was typed is kept
    assert not Invitation.objects.exists() and not mailoutbox
