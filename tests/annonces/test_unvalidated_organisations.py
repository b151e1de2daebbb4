"""Until the network validates it, a structure has no public face and no professional rights."""

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import Audience, MembershipRole
from annonces.models import Reservation
from tests.cms import pages
from tests.factories import (
    LotFactory,
    MembershipFactory,
    NetworkAnimatorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting():
    """The admin of a structure nobody has validated yet."""
    return MembershipFactory(
        role=MembershipRole.ADMIN,
        organisation__name="Votre colis est bloqué : cliquez ici",
        organisation__validated_at=None,
    )


def test_an_unvalidated_structure_has_no_public_page(client, waiting):
    url = reverse("annonces:organisation_detail", args=[waiting.organisation.slug])
    assert client.get(url).status_code == 404
    client.force_login(VerifiedUserFactory())
    assert client.get(url).status_code == 404


def test_its_members_see_its_page_with_a_notice(client, waiting):
    client.force_login(waiting.user)
    response = client.get(reverse("annonces:organisation_detail", args=[waiting.organisation.slug]))
    assert response.status_code == 200
    assert "attend sa validation" in response.content.decode()


def test_it_is_neither_in_the_directory_nor_on_the_home_map(client, waiting):
    OrganisationFactory(name="Ressourcerie validée")
    directory = client.get(pages.directory().url)
    names = [o.name for o in directory.context["organisations"]]
    assert names == ["Ressourcerie validée"]
    assert "Votre colis est bloqué" not in directory.content.decode()
    home = client.get("/")
    assert [o.name for o in home.context["members"]] == ["Ressourcerie validée"]
    assert "Votre colis est bloqué" not in home.content.decode()


def test_its_members_get_no_professionals_only_access(client, waiting):
    lot = LotFactory(title="Cloisons pour pros", audience=Audience.PROFESSIONALS)
    client.force_login(waiting.user)
    assert "Cloisons pour pros" not in client.get(reverse("annonces:lot_list")).content.decode()
    assert "Cloisons pour pros" not in client.get("/recherche/").content.decode()
    page = client.get(lot.get_absolute_url()).content.decode()
    assert "attend sa validation" in page
    assert reverse("annonces:lot_reserve", args=[lot.slug]) not in page
    client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]),
        {
            "quantity": 1,
            "organisation": waiting.organisation.pk,
            "pickup_at": (timezone.localtime() + timezone.timedelta(days=2)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "message": "Pour nous",
        },
    )
    assert not Reservation.objects.exists()


def test_once_validated_its_members_see_professionals_only_lots(client, waiting):
    LotFactory(title="Cloisons pour pros", audience=Audience.PROFESSIONALS)
    waiting.organisation.validated_at = timezone.now()
    waiting.organisation.save()
    client.force_login(waiting.user)
    assert "Cloisons pour pros" in client.get(reverse("annonces:lot_list")).content.decode()


def test_animators_see_the_structures_waiting_with_a_count(client, waiting):
    OrganisationFactory(validated_at=None, name="Deuxième en attente")
    client.force_login(NetworkAnimatorFactory())
    space = client.get(reverse("annonces:my_space")).content.decode()
    assert "2 structures à valider" in space
    admin = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 structures à valider" in admin
    assert "valider (2)" in admin  # the sidebar menu, rendered from JSON


def test_a_news_editor_sees_no_count(client, waiting):
    from tests.factories import NewsEditorFactory

    client.force_login(NewsEditorFactory())
    assert "structures à valider" not in client.get(reverse("wagtailadmin_home")).content.decode()
