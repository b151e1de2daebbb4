"""The ten ressourceries of the network and a few partners of the social economy.

Names of the ten are the network's; their addresses, phone numbers, SIRETs and the
partners are invented (streets that sound right, numbers from reserved ranges).
"""

from typing import NamedTuple

from annonces.choices import OrganisationKind as Kind
from annonces.models import Organisation
from annonces.validators import luhn_is_valid
from reemploi.geo import get_commune

from .hours import give_hours
from .places import PRECISION, pin

_SHOP_HOURS = "Boutique du mercredi au samedi, 10 h – 18 h. Dépôts aux mêmes horaires."


class Org(NamedTuple):
    slug: str
    name: str
    kind: Kind
    is_network_member: bool
    insee: str
    street: str
    logo: tuple[str, str]  # initials, disc colour
    offers: tuple[str, ...]  # root categories it posts lots in
    description: str
    opening_hours: str


# fmt: off
ORGANISATIONS = (
    Org("emmaus-liberte", "Emmaüs Liberté", Kind.ASSOCIATION, True, "94022",
        "18 rue des Compagnons", ("EL", "#c8102e"),
        ("mobilier", "textile", "livres-culture", "electromenager", "vaisselle-maison"),
        "Communauté Emmaüs : nous collectons meubles, vêtements, livres, vaisselle et "
        "électroménager, les remettons en état et les revendons à petits prix. Les compagnons "
        "et compagnes y trouvent un travail, un toit et une place.",
        "Ventes le mercredi et le samedi, 10 h – 18 h. Dépôts du mardi au samedi, 9 h – 17 h."),
    Org("ressourcerie-du-spectacle", "La Ressourcerie du Spectacle", Kind.RESSOURCERIE, True,
        "94081", "42 rue des Machinistes", ("RS", "#6a1b9a"),
        ("decors-spectacle", "mobilier"),
        "Décors, costumes, accessoires, projecteurs et bois de scène : nous récupérons ce que "
        "théâtres, tournages et salons démontent, et le remettons à disposition des "
        "compagnies, des écoles et des artistes.",
        "Du mardi au vendredi, 10 h – 17 h. Enlèvements sur rendez-vous."),
    Org("cyclofficine", "Cyclofficine", Kind.ASSOCIATION, True, "94041",
        "23 rue des Ateliers", ("CY", "#f39200"), ("velos-mobilite",),
        "Atelier vélo participatif et solidaire : on y apprend à réparer son vélo, on remet en "
        "état les vélos abandonnés ou donnés, et on récupère les pièces détachées.",
        "Ateliers ouverts le mercredi, 14 h – 19 h, et le samedi, 10 h – 18 h."),
    Org("rejoue", "rejoué", Kind.ASSOCIATION, True, "94076",
        "31 rue des Sablons", ("RJ", "#00a19a"), ("jeux-jouets", "livres-culture"),
        "Chantier d'insertion qui collecte, trie, nettoie et vérifie jouets, jeux de société et "
        "livres jeunesse, pour leur donner une seconde vie à petit prix.",
        "Boutique du mardi au samedi, 11 h – 19 h."),
    Org("ecoreso-autonomie", "Ecoreso Autonomie", Kind.ASSOCIATION, True, "94054",
        "8 allée des Lavandes", ("EA", "#0072bc"), ("materiel-medical",),
        "Collecte, révision, désinfection et remise en service de matériel médical et d'aides "
        "techniques (fauteuils roulants, déambulateurs, lits médicalisés) à prix solidaire, "
        "avec le conseil d'une ergothérapeute.",
        "Du lundi au vendredi, 9 h 30 – 17 h, sur rendez-vous."),
    Org("la-pagaille", "La Pagaille", Kind.RESSOURCERIE, True, "91326",
        "5 rue du Pont-de-l'Orge", ("LP", "#e6007e"),
        ("mobilier", "textile", "vaisselle-maison", "jeux-jouets", "electromenager"),
        "Ressourcerie de quartier : collecte de tout ce qui peut resservir, boutique "
        "solidaire, ateliers de réparation et de couture ouverts à tous.",
        _SHOP_HOURS),
    Org("la-mine", "La Mine", Kind.RESSOURCERIE, True, "94003",
        "12 rue de l'Aqueduc-Médicis", ("LM", "#2e7d32"),
        ("mobilier", "materiaux-construction", "informatique", "livres-culture"),
        "Ressourcerie et tiers-lieu : nous collectons objets, mobilier et matériaux, les "
        "valorisons en atelier et les revendons dans notre boutique. Ateliers "
        "d'autoréparation chaque semaine.",
        "Du mercredi au samedi, 11 h – 19 h ; ateliers le jeudi soir."),
    Org("chic-on-ressource", "Chic ! On ressource", Kind.RESSOURCERIE, True, "91687",
        "27 avenue des Coteaux", ("CR", "#ff6f00"),
        ("textile", "mobilier", "vaisselle-maison", "livres-culture", "jeux-jouets"),
        "Ressourcerie tournée vers le textile et la mode de seconde main : boutique, atelier "
        "de retouche et défilés de vêtements de réemploi.",
        _SHOP_HOURS),
    Org("ressourcerie-rived", "Ressourcerie de la RIVED", Kind.RESSOURCERIE, True, "94078",
        "3 rue des Régisseurs", ("RI", "#1565c0"),
        ("mobilier", "materiaux-construction", "electromenager", "informatique",
         "vaisselle-maison"),
        "Ressourcerie portée par une régie de quartier : collecte des encombrants "
        "réemployables, remise en état en atelier et revente solidaire, avec des emplois "
        "d'insertion pour les habitants.",
        "Du mardi au samedi, 9 h 30 – 12 h 30 et 14 h – 18 h."),
    Org("recyclerie-portes-essonne", "La Recyclerie des Portes de l'Essonne", Kind.RECYCLERIE,
        True, "91027", "60 rue de la Déchèterie", ("PE", "#558b2f"),
        ("mobilier", "materiaux-construction", "velos-mobilite", "electromenager", "jeux-jouets"),
        "Recyclerie adossée à la déchèterie : les dépôts en bon état sont détournés de la "
        "benne, réparés si besoin et revendus. Matériaux de bricolage et mobilier en nombre.",
        "Du mardi au samedi, 9 h – 17 h 30 ; le dimanche, 9 h – 12 h."),
    # Partners: not members of the network, but they post lots too.
    Org("ateliers-de-la-bievre", "Les Ateliers de la Bièvre", Kind.SIAE, False, "94016",
        "15 rue du Moulin-de-Cachan", ("AB", "#795548"), ("materiaux-construction",),
        "Chantier d'insertion du second œuvre : dépose soignée avant travaux, tri et "
        "reconditionnement des matériaux de construction.",
        "Du lundi au vendredi, 8 h – 16 h."),
    Org("ea-val-de-seine", "Val de Seine Services (entreprise adaptée)", Kind.EA_ESAT, False,
        "94034", "6 avenue des Platanes", ("VS", "#00838f"), ("mobilier", "informatique"),
        "Entreprise adaptée : déménagement de bureaux, remise en état de mobilier "
        "professionnel et de postes informatiques.",
        "Du lundi au vendredi, 8 h 30 – 17 h."),
    Org("la-varlope", "Menuiserie coopérative La Varlope", Kind.SCOP, False, "94037",
        "9 impasse des Ébénistes", ("LV", "#a1887f"), ("materiaux-construction", "mobilier"),
        "SCOP de menuiserie : agencement et mobilier sur mesure en bois de réemploi ; nous "
        "cédons nos chutes et le bois que nous récupérons sur chantier.",
        "Du lundi au vendredi, 8 h – 17 h, sur rendez-vous."),
    Org("materiautheque-grand-orly", "SCIC Matériauthèque du Grand-Orly", Kind.SCIC, False,
        "94077", "2 rue des Entrepreneurs", ("MG", "#455a64"), ("materiaux-construction",),
        "Plateforme coopérative de matériaux de réemploi du bâtiment : diagnostic avant "
        "déconstruction, stockage et revente aux artisans et aux particuliers.",
        "Du mardi au samedi, 8 h – 16 h."),
    Org("ordi-solidaire-94", "Ordi Solidaire 94", Kind.ESUS, False, "94043",
        "20 rue des Serveurs", ("OS", "#3949ab"), ("informatique",),
        "Entreprise solidaire d'utilité sociale : nous reconditionnons les ordinateurs des "
        "entreprises et des collectivités, effaçons les données et les remettons aux familles "
        "et associations.",
        "Du lundi au vendredi, 9 h – 18 h."),
    Org("batir-seine-amont", "Bâtir Seine Amont", Kind.COMPANY, False, "94073",
        "44 rue des Maçons", ("BS", "#ef6c00"), ("materiaux-construction", "mobilier"),
        "Entreprise générale du bâtiment : nous proposons au réemploi ce que nos chantiers de "
        "réhabilitation déposent, plutôt que de le mettre en benne.",
        "Du lundi au vendredi, 7 h 30 – 16 h 30."),
    Org("gosb-patrimoine", "Grand-Orly Seine Bièvre – Direction du patrimoine bâti",
        Kind.PUBLIC_BODY, False, "94065", "1 place des Services-Publics", ("GO", "#0d47a1"),
        ("mobilier", "materiaux-construction"),
        "Les services du territoire donnent une seconde vie au mobilier et aux matériaux des "
        "équipements publics rénovés.",
        "Du lundi au vendredi, 9 h – 17 h."),
)
# fmt: on


def fictitious_siret(index: int) -> str:
    """A 14-digit number that passes the Luhn check; no real establishment has it."""
    body = f"99{index:03d}{(index * 7919) % 10**8:08d}"
    return next(body + d for d in "0123456789" if luhn_is_valid(body + d))


def load_organisations(draw_logo) -> dict[str, Organisation]:
    """Create the missing organisations (with a logo); existing ones keep their admin edits."""
    existing = {o.slug: o for o in Organisation.objects.filter(slug__in=SLUGS)}
    organisations = {}
    for index, org in enumerate(ORGANISATIONS):
        organisation = existing.get(org.slug)
        if organisation is None:
            organisation = _build(index, org, draw_logo)
            organisation.full_clean()
            organisation.save()
        give_hours(organisation)
        organisations[org.slug] = organisation
    return organisations


def _build(index: int, org: Org, draw_logo) -> Organisation:
    commune = get_commune(org.insee)
    point = pin(commune, index)
    return Organisation(
        slug=org.slug,
        name=org.name,
        kind=org.kind,
        is_network_member=org.is_network_member,
        siret=fictitious_siret(index + 1),
        address=org.street,
        postcode=commune.postcodes[0],
        city=commune.name,
        latitude=point.lat,
        longitude=point.lon,
        location_precision=PRECISION,
        description=org.description,
        opening_hours=org.opening_hours,
        # 01 99 00 xx xx: a range the regulator (ARCEP) keeps for films and fiction.
        phone=f"01 99 00 {index // 100:02d} {index % 100:02d}",
        email=f"contact@{org.slug}.example.org",
        logo=draw_logo(org.name, *org.logo),
    )


SLUGS = [org.slug for org in ORGANISATIONS]
BY_SLUG = {org.slug: org for org in ORGANISATIONS}
