"""The demo's requesters: structures that ask for lots and post none, and their people.

The demo's people all have an e-mail address @demo.reemploi-gosb.fr and no password.
"""

from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from annonces.choices import LocationPrecision, MembershipRole
from annonces.choices import OrganisationKind as Kind
from annonces.models import Membership, Organisation
from reemploi.geo import get_commune

from .organisations import fictitious_siret

DOMAIN = "demo.reemploi-gosb.fr"


class RequestingOrg(NamedTuple):
    slug: str
    name: str
    kind: Kind
    insee: str
    street: str
    logo: tuple[str, str]  # initials, disc colour
    description: str


# Structures that ask for lots and post none; the demo's people belong to them.
REQUESTING_ORGANISATIONS = (
    RequestingOrg(
        "batir-ensemble-ivry",
        "Bâtir Ensemble Ivry",
        Kind.COMPANY,
        "94041",
        "7 rue des Bâtisseurs",
        ("BE", "#bf360c"),
        "Entreprise de rénovation de logements : sur nos chantiers, nous posons des portes, "
        "des parquets et des matériaux de réemploi plutôt que du neuf.",
    ),
    RequestingOrg(
        "compagnie-treteaux-bievre",
        "Compagnie Les Tréteaux de la Bièvre",
        Kind.ASSOCIATION,
        "94016",
        "11 rue des Saltimbanques",
        ("TB", "#5e35b1"),
        "Troupe de théâtre amateur : nous construisons décors et costumes avec ce que d'autres "
        "n'utilisent plus, et jouons dans les écoles et les salles des fêtes du territoire.",
    ),
)
REQUESTING_SLUGS = [org.slug for org in REQUESTING_ORGANISATIONS]


class Requester(NamedTuple):
    login: str  # before @DOMAIN
    first_name: str
    last_name: str
    organisation: str | None  # slug of the requesting organisation they ask for
    wants: tuple[str, ...]  # root categories they ask in
    messages: tuple[str, ...]


REQUESTERS = (
    Requester(
        "chantier.ivry",
        "Karim",
        "Haddad",
        "batir-ensemble-ivry",
        ("materiaux-construction", "mobilier", "electromenager"),
        (
            "Bonjour, nous réhabilitons des logements rue Marat à Ivry : ce lot nous éviterait "
            "d'acheter du neuf. Nous passerons avec un utilitaire, à deux pour charger.",
            "Bonjour, c'est pour le chantier du groupe scolaire. Pouvez-vous nous confirmer "
            "l'accès pour un camion ? Merci d'avance.",
            "Bonjour, nous en aurions l'usage sur une rénovation qui démarre. Le créneau nous "
            "arrange ; sinon, proposez-nous-en un autre.",
        ),
    ),
    Requester(
        "regie.treteaux",
        "Léa",
        "Morel",
        "compagnie-treteaux-bievre",
        ("decors-spectacle", "textile", "mobilier", "vaisselle-maison", "livres-culture"),
        (
            "Bonjour, notre compagnie monte un spectacle pour la rentrée et ce lot irait très "
            "bien dans le décor. Nous viendrons à deux avec une camionnette.",
            "Bonjour ! Nous répétons à Cachan et cherchons de quoi meubler la scène à petit "
            "budget. Merci de penser aux compagnies amateurs.",
            "Bonjour, c'est pour les ateliers théâtre que nous menons avec des collégiens. "
            "Je peux passer au créneau indiqué.",
        ),
    ),
    Requester(
        "sophie.lambert",
        "Sophie",
        "Lambert",
        None,
        (
            "mobilier",
            "vaisselle-maison",
            "electromenager",
            "jeux-jouets",
            "livres-culture",
            "textile",
        ),
        (
            "Bonjour, je m'installe dans mon premier appartement à Vitry : ce serait parfait. "
            "Je peux passer au créneau indiqué.",
            "Bonjour, est-ce toujours disponible ? Je viens en voiture. Merci !",
            "Bonjour, ce serait pour la fête de l'école de mes enfants, organisée par les "
            "parents d'élèves. Merci beaucoup !",
        ),
    ),
    Requester(
        "moussa.diarra",
        "Moussa",
        "Diarra",
        None,
        ("informatique", "velos-mobilite", "materiel-medical", "jeux-jouets", "electromenager"),
        (
            "Bonjour, je suis bénévole dans un atelier d'entraide à Orly, nous en aurions bien "
            "l'usage. Je passerai au créneau indiqué.",
            "Bonjour, c'est pour ma mère, qui rentre chez elle après une hospitalisation. "
            "Je peux venir en fin d'après-midi si cela vous arrange mieux.",
            "Bonjour, je peux passer avec un ami et une voiture. Merci pour ce que vous faites !",
        ),
    ),
)


def demo_users():
    """The demo's people: requesters and the lending organisations' teams."""
    return get_user_model().objects.filter(email__endswith=f"@{DOMAIN}")


def load_requesting_organisations(draw_logo) -> dict[str, Organisation]:
    """Create the missing requesting organisations; existing ones keep their admin edits."""
    existing = {o.slug: o for o in Organisation.objects.filter(slug__in=REQUESTING_SLUGS)}
    organisations = {}
    for index, org in enumerate(REQUESTING_ORGANISATIONS, start=101):  # after the lenders
        organisation = existing.get(org.slug)
        if organisation is None:
            commune = get_commune(org.insee)
            organisation = Organisation(
                slug=org.slug,
                name=org.name,
                kind=org.kind,
                is_network_member=False,
                siret=fictitious_siret(index),
                address=org.street,
                postcode=commune.postcodes[0],
                city=commune.name,
                latitude=commune.centre.lat,
                longitude=commune.centre.lon,
                location_precision=LocationPrecision.COMMUNE,
                description=org.description,
                phone=f"01 99 00 {index // 100:02d} {index % 100:02d}",
                email=f"contact@{org.slug}.example.org",
                logo=draw_logo(org.name, *org.logo),
            )
            organisation.full_clean()
            organisation.save()
        organisations[org.slug] = organisation
    return organisations


def demo_person(login: str, first_name: str, last_name: str):
    """A user who cannot log in (no password) with a verified address @DOMAIN."""
    email = f"{login}@{DOMAIN}"
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        user = get_user_model().objects.create_user(
            username=email, email=email, first_name=first_name, last_name=last_name
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def load_requesters(organisations: dict[str, Organisation]) -> dict[str, object]:
    """The requesters by login, members (administrators) of their requesting organisation."""
    users = {}
    for requester in REQUESTERS:
        user = demo_person(requester.login, requester.first_name, requester.last_name)
        if requester.organisation:
            Membership.objects.get_or_create(
                user=user,
                organisation=organisations[requester.organisation],
                defaults={"role": MembershipRole.ADMIN},
            )
        users[requester.login] = user
    return users


def team_member(organisation: Organisation):
    """The lending organisation's member who answers the demo's requests."""
    user = demo_person(f"equipe.{organisation.slug}", "Équipe", organisation.name[:150])
    Membership.objects.get_or_create(user=user, organisation=organisation)
    return user
