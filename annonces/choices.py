"""The closed lists of the marketplace, with their French labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    RESSOURCERIE = "ressourcerie", _("Ressourcerie")
    RECYCLERIE = "recyclerie", _("Recyclerie")
    SIAE = "siae", _("Structure d'insertion (SIAE)")
    EA_ESAT = "ea_esat", _("Entreprise adaptée / ESAT")
    SCOP = "scop", _("SCOP")
    SCIC = "scic", _("SCIC")
    ESUS = "esus", _("Entreprise solidaire d'utilité sociale (ESUS)")
    ASSOCIATION = "association", _("Association")
    COMPANY = "company", _("Entreprise")
    PUBLIC_BODY = "public_body", _("Organisme public")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrateur")
    STAFF = "staff", _("Équipe")


class Unit(models.TextChoices):
    PIECE = "piece", _("pièce(s)")
    KG = "kg", _("kg")
    METRE = "m", _("m")
    SQUARE_METRE = "m2", _("m²")
    CUBIC_METRE = "m3", _("m³")


class Condition(models.TextChoices):
    NEW = "new", _("Neuf")
    AS_NEW = "as_new", _("Comme neuf")
    GOOD = "good", _("Bon état")
    USED = "used", _("État d'usage")
    FOR_PARTS = "for_parts", _("Pour pièces ou à réparer")


class PriceKind(models.TextChoices):
    FREE = "free", _("Gratuit")
    PRICE = "price", _("Prix fixe")
    QUOTE = "quote", _("Sur devis")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Tout public")
    PROFESSIONALS = "professionals", _("Professionnels uniquement")


class LotStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    RESERVED = "reserved", _("Réservé")
    COLLECTED = "collected", _("Enlevé")
    WITHDRAWN = "withdrawn", _("Retiré")
    EXPIRED = "expired", _("Expiré")


class LocationPrecision(models.TextChoices):
    """How exactly a place's point is known, as the address service tells it."""

    HOUSE_NUMBER = "housenumber", _("adresse exacte")
    STREET = "street", _("rue")
    COMMUNE = "municipality", _("centre de la commune")


class ReservationStatus(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    PROPOSED = "proposed", _("Autre créneau proposé")
    ACCEPTED = "accepted", _("Acceptée, enlèvement prévu")
    COLLECTED = "collected", _("Enlevée")
    DECLINED = "declined", _("Refusée")
    CANCELLED = "cancelled", _("Annulée")
    EXPIRED = "expired", _("Expirée")
    # After an accepted pickup's slot: the structure saw nobody, or the hourly job released a
    # pickup nobody confirmed (annonces/pickups/no_shows.py). Only the first is an absence.
    NO_SHOW = "no_show", _("Personne n'est venu")
    RELEASED = "released", _("Libérée sans confirmation")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    REVOKED = "revoked", _("Révoquée")
    EXPIRED = "expired", _("Expirée")


class ReportReason(models.TextChoices):
    FRAUD = "fraud", _("Arnaque ou tentative de fraude")
    PROHIBITED = "prohibited", _("Objet interdit, dangereux ou contrefait")
    MISLEADING = "misleading", _("Description ou photos trompeuses")
    OFFENSIVE = "offensive", _("Contenu choquant ou injurieux")
    PERSONAL_DATA = "personal_data", _("Données personnelles exposées")
    SPAM = "spam", _("Publicité, spam ou doublon")
    OTHER = "other", _("Autre raison")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("À traiter")
    WITHDRAWN = "withdrawn", _("Lot retiré")
    DISMISSED = "dismissed", _("Classé sans suite")
