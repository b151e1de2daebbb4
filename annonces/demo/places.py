"""Where demo things stand: pins around commune centres, and building sites."""

import math

from annonces.choices import LocationPrecision
from reemploi.geo import Commune, Point, get_commune

# Metres in one degree of latitude. A flat-earth offset is accurate to a few metres
# over the 1.5 km we move pins, far below what a map of the territory shows.
_METRES_PER_DEGREE = 111_320
_GOLDEN_ANGLE = 137.508  # degrees: successive pins never line up
# Demo addresses are invented, but each pin stands where an address service would put
# the house number: the map treats them as exact.
# Demo pins are offsets from the commune centres, not real addresses: street precision at best.
PRECISION = LocationPrecision.STREET


def offset(centre: Point, metres: float, bearing_deg: float) -> Point:
    """The point `metres` away from centre, towards bearing_deg (0 = north, 90 = east)."""
    bearing = math.radians(bearing_deg)
    dlat = metres * math.cos(bearing) / _METRES_PER_DEGREE
    dlon = metres * math.sin(bearing) / (_METRES_PER_DEGREE * math.cos(math.radians(centre.lat)))
    return Point(round(centre.lat + dlat, 6), round(centre.lon + dlon, 6))


def pin(commune: Commune, index: int) -> Point:
    """A fixed spot 200–740 m from the centre, different for each index, so pins don't overlap."""
    return offset(commune.centre, 200 + (index * 181) % 541, index * _GOLDEN_ANGLE)


# Building sites that give away what they take down (invented addresses), as
# (INSEE code, address). A lot picked up there is far from its organisation's shop.
BUILDING_SITES = (
    ("94081", "Chantier ZAC des Ardoines, 14 rue des Fondeurs"),
    ("94016", "Chantier du groupe scolaire, 8 rue des Écoliers"),
    ("94076", "Réhabilitation de la résidence des Lilas, 40 avenue des Tilleuls"),
    ("94041", "Chantier de bureaux, 3 quai des Briqueteries"),
    ("94073", "Dépose d'un magasin, 2 rue du Marché-aux-Fleurs"),
    ("94065", "Déconstruction d'un entrepôt, 21 rue des Halles"),
    ("91432", "Rénovation du gymnase, 5 allée des Sports"),
    ("94034", "Chantier de la médiathèque, 12 rue de la Concorde"),
    ("94021", "Réhabilitation d'un immeuble, 9 rue des Sorbiers"),
    ("94077", "Démolition d'un pavillon, 17 rue des Jardins-Ouvriers"),
    ("91589", "Chantier de logements, 30 avenue des Marronniers"),
    ("94001", "Dépose de la salle des fêtes, 6 rue du Bac"),
    ("94043", "Rénovation de bureaux, 11 rue des Peupliers"),
    ("94074", "Chantier de la halle, 2 rue des Entrepôts"),
    ("94037", "Réhabilitation d'ateliers, 25 rue des Tanneurs"),
    ("94038", "Chantier du conservatoire, 7 allée des Roseraies"),
    ("91479", "Dépose d'un hangar, 4 rue de l'Aéropostale"),
)


def building_site(index: int) -> tuple[Commune, str, Point]:
    """The commune, address and point of building site number `index`."""
    insee, address = BUILDING_SITES[index % len(BUILDING_SITES)]
    commune = get_commune(insee)
    return commune, address, pin(commune, index + 50)


# Street names for synthetic lots, common to most French towns.
STREETS = (
    "rue Jean-Jaurès",
    "avenue de la République",
    "rue Victor-Hugo",
    "rue de la Gare",
    "rue Pasteur",
    "avenue Paul-Vaillant-Couturier",
    "rue des Écoles",
    "rue du Moulin",
    "allée des Acacias",
    "rue de l'Église",
)
