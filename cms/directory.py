"""The directory's rules: ESS families, partners apart, French order and an accent-blind search."""

import unicodedata

from django.utils.translation import gettext_lazy as _

from annonces.choices import OrganisationKind as Kind

# The social and solidarity economy's families, as the network presents them.
FAMILIES = {
    "reemploi": (
        _("Réemploi : ressourceries et recycleries"),
        {Kind.RESSOURCERIE, Kind.RECYCLERIE},
    ),
    "insertion": (_("Insertion et travail adapté (SIAE, EA-ESAT)"), {Kind.SIAE, Kind.EA_ESAT}),
    "cooperatives": (_("Coopératives (SCOP, SCIC)"), {Kind.SCOP, Kind.SCIC}),
    "esus": (_("Entreprises solidaires d'utilité sociale"), {Kind.ESUS}),
    "associations": (_("Associations"), {Kind.ASSOCIATION}),
}
# Companies and public bodies work with the network but are not ESS actors: shown apart.
PARTNER_KINDS = {Kind.COMPANY, Kind.PUBLIC_BODY}


def folded(text: str) -> str:
    """Lower case without accents: "Rejoué" and "rejoue" sort and match alike."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def in_french_order(organisations) -> list:
    """By name as a French reader expects: case and accents do not push "rejoué" last."""
    return sorted(organisations, key=lambda org: (folded(org.name), org.name))


def matching(organisations, text: str) -> list:
    """Those whose name, description, kind or commune holds every word typed, accents aside."""
    words = folded(text).split()
    if not words:
        return list(organisations)

    def haystack(org) -> str:
        return folded(" ".join([org.name, org.description, org.city, org.get_kind_display()]))

    return [org for org in organisations if all(word in haystack(org) for word in words)]


def split_partners(organisations) -> tuple[list, list]:
    """(ESS actors, partners): companies and public bodies go to the second list."""
    actors = [org for org in organisations if org.kind not in PARTNER_KINDS]
    partners = [org for org in organisations if org.kind in PARTNER_KINDS]
    return actors, partners
