"""The category tree of reuse: what the ressourceries of the network collect."""

from decimal import Decimal

from annonces.models import Category

# (slug, name, CO₂ factor, children); a child is (slug, name, children).
# The factors (kg CO₂e avoided per kg reused) are order-of-magnitude defaults, not measured
# values: the network is to refine them. Their basis is the footprint per kg of making the
# equivalent new product, as ADEME publishes it: its Base Empreinte (which holds the Base
# Carbone emission factors), the ImpactCO2 comparator built on it (impactco2.fr), and its 2018
# study "La face cachée des objets" (a television: about 350 kg CO₂e for 11 kg, so ~30 per kg;
# a washing machine: about 510 kg CO₂e for some 70 kg, ~7 per kg; a pair of jeans: about
# 20 kg CO₂e). That footprint is then cut to a third or a half, since a reused object does not
# always spare a purchase and its collection and repair emit too. Building materials would be
# better served by the products' FDES in the INIES database. Staff edit the factors in the
# admin (Réemploi › Catégories); sub-categories inherit their root's until given their own;
# annonces/impact.py applies them.
TREE = (
    (
        "materiaux-construction",
        "Matériaux de construction",
        "0.5",
        (
            (
                "bois",
                "Bois",
                (
                    ("bois-planches", "Planches et tasseaux", ()),
                    ("bois-poutres", "Poutres et charpente", ()),
                    ("bois-panneaux", "Panneaux (contreplaqué, OSB, médium)", ()),
                ),
            ),
            (
                "portes-fenetres",
                "Portes et fenêtres",
                (("portes", "Portes", ()), ("fenetres", "Fenêtres et volets", ())),
            ),
            ("carrelage-faience", "Carrelage et faïence", ()),
            ("sols-parquets", "Sols et parquets", ()),
            ("sanitaires", "Sanitaires", ()),
            ("plomberie-chauffage", "Plomberie et chauffage", ()),
            ("electricite", "Électricité", ()),
            ("isolation", "Isolation", ()),
        ),
    ),
    (
        "mobilier",
        "Mobilier",
        "1.5",
        (
            ("mobilier-bureau", "Bureau", ()),
            ("mobilier-maison", "Maison", ()),
            ("mobilier-jardin", "Jardin", ()),
            ("rayonnages-stockage", "Rayonnages et stockage", ()),
        ),
    ),
    (
        "decors-spectacle",
        "Décors et spectacle",
        "1.2",
        (
            ("decors", "Décors", ()),
            ("costumes", "Costumes", ()),
            ("accessoires-scene", "Accessoires", ()),
        ),
    ),
    (
        "velos-mobilite",
        "Vélos et mobilité",
        "6",
        (("velos", "Vélos", ()), ("pieces-velo", "Pièces détachées", ())),
    ),
    ("jeux-jouets", "Jeux et jouets", "3.5", ()),
    (
        "materiel-medical",
        "Matériel médical et aide à l'autonomie",
        "4",
        (
            ("aides-mobilite", "Fauteuils et aides à la marche", ()),
            ("lits-toilette", "Lits et aides à la toilette", ()),
        ),
    ),
    (
        "textile",
        "Textile",
        "12",
        (
            ("vetements", "Vêtements", ()),
            ("linge-maison", "Linge de maison", ()),
            ("tissus-mercerie", "Tissus et mercerie", ()),
        ),
    ),
    ("electromenager", "Électroménager", "3.5", ()),
    (
        "informatique",
        "Informatique",
        "20",
        (
            ("ordinateurs-ecrans", "Ordinateurs et écrans", ()),
            ("peripheriques-reseau", "Périphériques et réseau", ()),
        ),
    ),
    ("livres-culture", "Livres et culture", "1.2", ()),
    ("vaisselle-maison", "Vaisselle et objets de la maison", "1.5", ()),
)


def _walk(children, parent_slug, root_slug):
    for position, (slug, name, grandchildren) in enumerate(children):
        yield slug, name, parent_slug, root_slug, None, position
        yield from _walk(grandchildren, slug, root_slug)


def flatten():
    """(slug, name, parent slug, root slug, CO₂ factor, position) for each node, parents first."""
    for position, (slug, name, co2, children) in enumerate(TREE):
        yield slug, name, None, slug, Decimal(co2), position
        yield from _walk(children, slug, slug)


ROOT_OF = {slug: root for slug, _name, _parent, root, _co2, _pos in flatten()}
NAME_OF = {slug: name for slug, name, *_rest in flatten()}


def load_categories() -> dict[str, Category]:
    """Create the missing categories; those already there keep their admin edits."""
    categories: dict[str, Category] = {}
    existing = {c.slug: c for c in Category.objects.all()}
    for slug, name, parent_slug, _root, co2, position in flatten():
        category = existing.get(slug)
        if category is None:
            category = Category.objects.create(
                slug=slug,
                name=name,
                parent=categories.get(parent_slug),
                co2_factor=co2,
                position=position,
            )
        categories[slug] = category
    return categories
