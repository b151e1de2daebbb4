"""The world the authorisation matrix acts on: one structure, its people, and what they own.

Each of the eight roles is a person of that world; `fingerprint` reads back, from the
database, everything a mutating URL could change."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from annonces.choices import LotStatus, MembershipRole, ReservationStatus
from annonces.conversations import services as conversation_services
from annonces.models import (
    Alert,
    Conversation,
    Favourite,
    Invitation,
    Lot,
    LotPhoto,
    LotReport,
    Membership,
    Message,
    MessageReport,
    NotificationPreference,
    OpeningRange,
    Organisation,
    PickupReceipt,
    PlaceOpeningRange,
    Reservation,
)
from annonces.organisations import services as organisation_services
from annonces.reports import services as report_services
from tests.cms import pages
from tests.factories import (
    CategoryFactory,
    LotFactory,
    LotPhotoFactory,
    MembershipFactory,
    NetworkAnimatorFactory,
    NewsEditorFactory,
    OrganisationFactory,
    ReservationFactory,
    VerifiedUserFactory,
    lot_form_data,
)

ROLES = [
    "anonymous",
    "private",
    "other_member",
    "staff",
    "admin",
    "editor",
    "animator",
    "superuser",
]
LOGGED_IN = ROLES[1:]


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError as error:
            raise AttributeError(name) from error


def build_world() -> World:
    world = World()
    admin = MembershipFactory(role=MembershipRole.ADMIN, organisation__name="Ressourcerie du Val")
    organisation = admin.organisation
    staff = MembershipFactory(organisation=organisation)
    other = MembershipFactory(role=MembershipRole.ADMIN, organisation__name="Autre structure")
    world.users = {
        "anonymous": None,
        "private": VerifiedUserFactory(email="particulier@example.org"),
        "other_member": other.user,
        "staff": staff.user,
        "admin": admin.user,
        "editor": NewsEditorFactory(),
        "animator": NetworkAnimatorFactory(),
        "superuser": VerifiedUserFactory(is_superuser=True, is_staff=True),
    }
    lot = LotFactory(organisation=organisation, title="Portes isoplanes", quantity=20)
    photo = LotPhotoFactory(lot=lot)
    draft = LotFactory(organisation=organisation, status=LotStatus.DRAFT, title="Brouillon")
    pending = ReservationFactory(lot=lot)
    proposed = ReservationFactory(lot=lot, status=ReservationStatus.PROPOSED)
    accepted = ReservationFactory(lot=lot, status=ReservationStatus.ACCEPTED)
    # On a second lot, so that the first keeps its counters: a pickup whose slot and grace
    # time have passed (nobody came, or the requester says), and a collection denied.
    parquet = LotFactory(organisation=organisation, title="Parquet chêne", quantity=20)
    overdue = ReservationFactory(
        lot=parquet,
        status=ReservationStatus.ACCEPTED,
        pickup_at=timezone.now() - timedelta(hours=3),
        expires_at=timezone.now() - timedelta(days=1),
    )
    Lot.objects.filter(pk=lot.pk).update(quantity_reserved=accepted.quantity)
    collected = ReservationFactory(
        lot=parquet,
        status=ReservationStatus.COLLECTED,
        pickup_at=timezone.now() - timedelta(days=1),
        expires_at=timezone.now() - timedelta(days=2),
        collected_quantity=2,
        collected_weight_kg=4,
        collected_at=timezone.now() - timedelta(days=1),
    )
    Lot.objects.filter(pk=parquet.pk).update(
        quantity_reserved=overdue.quantity, quantity_collected=collected.collected_quantity
    )
    disputed = PickupReceipt.objects.create(
        reservation=collected, collected=False, answered_at=timezone.now()
    )
    target = MembershipFactory(organisation=organisation)
    world.tokens["join"] = organisation_services.invite(
        organisation, admin.user, "particulier@example.org"
    )
    organisation_services.invite(organisation, admin.user, "quelquun@example.org")
    # The private person's question on the lot, reported by the staff: animators may open it.
    question = conversation_services.start_conversation(lot, world.users["private"], "Bonjour ?")
    conversation_services.report_message(question, staff.user, "spam")
    world.objects.update(
        organisation=organisation,
        category=CategoryFactory(),
        lot=lot,
        photo=photo,
        draft=draft,
        pending=pending,
        proposed=proposed,
        accepted=accepted,
        overdue=overdue,
        disputed=disputed,
        target=target,
        revocable=Invitation.objects.get(email="quelquun@example.org"),
        waiting=OrganisationFactory(name="Structure en attente", validated_at=None),
        report=report_services.report_lot(lot, "spam"),
        conversation=question.conversation,
        question=question,
        alert=Alert.objects.create(user=world.users["private"], label="« porte »", criteria={}),
        paused_alert=Alert.objects.create(
            user=world.users["private"], label="Bois", criteria={}, paused=True
        ),
        questionnaire=pages.questionnaire(
            to_address="animation@example.org", from_address="site@example.org"
        ),
    )
    return world


def fingerprint() -> tuple:
    """Everything the mutating URLs may change, read back from the database."""
    return (
        list(
            Lot.objects.order_by("pk").values_list(
                "pk", "status", "title", "quantity_reserved", "quantity_collected"
            )
        ),
        list(LotPhoto.objects.order_by("pk").values_list("pk", "image_id")),
        list(
            Reservation.objects.order_by("pk").values_list(
                "pk", "status", "pickup_at", "decline_reason", "collected_quantity"
            )
        ),
        list(Membership.objects.order_by("pk").values_list("pk", "user_id", "role")),
        list(Invitation.objects.order_by("pk").values_list("pk", "status")),
        list(
            Organisation.objects.order_by("pk").values_list(
                "pk", "name", "validated_at", "slot_capacity"
            )
        ),
        list(OpeningRange.objects.order_by("pk").values_list("pk", "weekday", "opens", "closes")),
        list(PlaceOpeningRange.objects.order_by("pk").values_list("pk", "lot_id", "weekday")),
        list(LotReport.objects.order_by("pk").values_list("pk", "status")),
        list(
            PickupReceipt.objects.order_by("pk").values_list(
                "pk", "collected", "answered_at", "settled_at", "settlement_note"
            )
        ),
        FormSubmission.objects.count(),
        Conversation.objects.count(),
        list(Message.objects.order_by("pk").values_list("pk", "hidden_at")),
        MessageReport.objects.count(),
        list(Alert.objects.order_by("pk").values_list("pk", "paused", "frequency")),
        list(Favourite.objects.order_by("pk").values_list("pk", "user_id", "lot_id")),
        list(NotificationPreference.objects.order_by("pk").values_list("user_id", "kind", "mode")),
        list(
            get_user_model()
            .objects.order_by("pk")
            .values_list("pk", "first_name", "last_name", "email", "is_active")
        ),
    )


def slot(days=4, hour=10) -> str:
    day = timezone.localdate() + timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def lot_data(world) -> dict:
    return lot_form_data(world.organisation, world.category)


def hours_data(world) -> dict:
    """The hours page with a new capacity and no row changed."""
    return {
        "reglages-slot_minutes": "30",
        "reglages-slot_capacity": "3",
        **{f"{prefix}-{name}": "0" for prefix in ("plages", "fermetures")
           for name in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }  # fmt: skip


def place_hours_data(world) -> dict:
    """The lot's own pickup place open on Wednesdays, 11:00-19:00."""
    return {
        "plages-TOTAL_FORMS": "1",
        "plages-INITIAL_FORMS": "0",
        "plages-0-weekday": "2",
        "plages-0-opens": "11:00",
        "plages-0-closes": "19:00",
    }


def organisation_data(world) -> dict:
    return {
        "name": "Nouvelle structure",
        "kind": "association",
        "siret": "732 829 320 00074",
        "address": "5 avenue de Paris",
        "postcode": "94800",
        "city": "Villejuif",
    }


QUESTIONNAIRE = {
    "nom_de_votre_structure": "La Pagaille",
    "type_de_structure": "SCOP",
    "adresse_e_mail_de_contact": "contact@example.org",
}
