"""Every URL that changes something × the eight roles: the status, and nothing changed where
refused (read back from the database). A mutating URL without a row fails
test_every_url_has_a_row."""

from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.urls import get_resolver, reverse

from annonces.alerts.services import unsubscribe_token
from annonces.models import NotificationKind
from tests.annonces.matrix_world import (
    LOGGED_IN,
    QUESTIONNAIRE,
    ROLES,
    build_world,
    fingerprint,
    hours_data,
    lot_data,
    organisation_data,
    place_hours_data,
    slot,
)

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a redirect to a login page


@dataclass
class Row:
    url: object  # world → path
    data: object = lambda world: {}  # world → POST data
    allowed: frozenset = frozenset()
    ok: int = 302  # the status of an allowed POST
    refused: int = 404  # the status of a refused POST by a logged-in user
    by_role: dict = field(default_factory=dict)  # exceptions to `refused`, role → status

    def expected(self, role) -> int | str:
        if role in self.by_role:
            return self.by_role[role]
        if role in self.allowed:
            return self.ok
        return LOGIN if role == "anonymous" else self.refused


def on(name, key="slug", obj="lot", **extra):
    def url(world):
        target = getattr(world, obj)
        return reverse(f"annonces:{name}", kwargs={key: getattr(target, key), **extra})

    return url


def on_reservation(name, which):
    return lambda world: reverse(f"annonces:{name}", args=[getattr(world, which).reference])


MEMBERS = frozenset({"staff", "admin"})
ANIMATORS = frozenset({"animator", "superuser"})
OUTSIDERS_LOGGED_IN = frozenset({"private", "other_member", "editor", "animator", "superuser"})

ROWS = {
    "annonces:lot_create": Row(
        lambda w: reverse("annonces:lot_create"), lot_data, MEMBERS, refused=200
    ),
    "annonces:lot_edit": Row(on("lot_edit"), lot_data, MEMBERS),
    "annonces:lot_publish": Row(on("lot_publish", obj="draft"), allowed=MEMBERS),
    "annonces:lot_duplicate": Row(on("lot_duplicate"), allowed=MEMBERS),
    # The draft: the published lot has an accepted pickup, which withdrawal rightly refuses.
    "annonces:lot_withdraw": Row(on("lot_withdraw", obj="draft"), allowed=MEMBERS),
    "annonces:lot_moderate": Row(on("lot_moderate"), lambda w: {"reason": "Doublon"}, ANIMATORS),
    "annonces:photo_delete": Row(
        lambda w: reverse("annonces:photo_delete", args=[w.lot.slug, w.photo.pk]),
        allowed=MEMBERS,
    ),
    "annonces:lot_report": Row(
        on("lot_report"), lambda w: {"reason": "fraud"}, frozenset(ROLES), by_role={}
    ),
    "annonces:lot_reserve": Row(
        on("lot_reserve"),
        lambda w: {"quantity": "1", "pickup_at": slot(), "message": "Pour un atelier"},
        OUTSIDERS_LOGGED_IN,
        refused=200,  # the lot's own members: the form says why
    ),
    "annonces:reservation_accept": Row(
        on_reservation("reservation_accept", "pending"), allowed=MEMBERS
    ),
    "annonces:reservation_decline": Row(
        on_reservation("reservation_decline", "pending"), lambda w: {"reason": "Non"}, MEMBERS
    ),
    "annonces:reservation_propose": Row(
        on_reservation("reservation_propose", "pending"),
        lambda w: {"pickup_at": slot(6)},
        MEMBERS,
    ),
    # Only the requester confirms or cancels; the lot's members see the request and are told no.
    "annonces:reservation_confirm": Row(
        on_reservation("reservation_confirm", "proposed"), by_role={"staff": 302, "admin": 302}
    ),
    "annonces:reservation_cancel": Row(
        on_reservation("reservation_cancel", "pending"), by_role={"staff": 200, "admin": 200}
    ),
    "annonces:reservation_collect": Row(
        on_reservation("reservation_collect", "accepted"),
        lambda w: {"quantity": "5", "weight_kg": "12"},
        MEMBERS,
    ),
    # After the slot: the giving structure records a no-show; only the requester (none of the
    # roles) answers "L'enlèvement a-t-il eu lieu ?", the structure's members are told no.
    "annonces:reservation_no_show": Row(
        on_reservation("reservation_no_show", "overdue"), allowed=MEMBERS
    ),
    "annonces:reservation_receipt": Row(
        on_reservation("reservation_receipt", "overdue"),
        lambda w: {"collected": "oui"},
        by_role={"staff": 200, "admin": 200},
    ),
    "annonces:organisation_create": Row(
        lambda w: reverse("annonces:organisation_create"),
        organisation_data,
        frozenset(LOGGED_IN),
    ),
    "annonces:organisation_validate": Row(
        on("organisation_validate", obj="waiting"), allowed=ANIMATORS
    ),
    "annonces:organisation_members": Row(
        on("organisation_members", obj="organisation"),
        lambda w: {"email": "recrue@example.org", "role": "admin"},
        frozenset({"admin"}),
    ),
    "annonces:lot_place_hours": Row(on("lot_place_hours"), place_hours_data, MEMBERS),
    "annonces:organisation_hours": Row(
        on("organisation_hours", obj="organisation"), hours_data, frozenset({"admin"})
    ),
    "annonces:membership_change": Row(
        lambda w: reverse("annonces:membership_change", args=[w.target.pk]),
        lambda w: {"role": "admin"},
        frozenset({"admin"}),
    ),
    "annonces:invitation_revoke": Row(
        lambda w: reverse("annonces:invitation_revoke", args=[w.revocable.pk]),
        allowed=frozenset({"admin"}),
    ),
    "annonces:invitation_accept": Row(
        lambda w: reverse("annonces:invitation_accept", args=[w.tokens["join"]]),
        allowed=frozenset({"private"}),  # the invitation was sent to their address
        refused=400,
    ),
    # The animators' queue of reports, in Wagtail's admin.
    "annonces_reports:withdraw": Row(
        lambda w: reverse("annonces_reports:withdraw", args=[w.report.pk]),
        allowed=ANIMATORS,
        refused=LOGIN,  # no access to the admin at all
        by_role={"editor": 302},  # Wagtail turns the refusal into a message on its home
    ),
    "annonces_reports:dismiss": Row(
        lambda w: reverse("annonces_reports:dismiss", args=[w.report.pk]),
        allowed=ANIMATORS,
        refused=LOGIN,
        by_role={"editor": 302},
    ),
    # The animators' disagreements about pickups, in Wagtail's admin.
    "annonces_disputes:settle": Row(
        lambda w: reverse("annonces_disputes:settle", args=[w.disputed.pk]),
        lambda w: {"note": "Appel aux deux parties : le lot est bien parti."},
        allowed=ANIMATORS,
        refused=LOGIN,
        by_role={"editor": 302},
    ),
    # Conversations: the asker (private) and the giving structure's members take part; an
    # animator opens a reported thread to hide a message, never to write in it.
    "annonces:conversation_detail": Row(
        lambda w: reverse("annonces:conversation_detail", args=[w.conversation.pk]),
        lambda w: {"body": "Réponse"},
        frozenset({"private", "staff", "admin"}),
    ),
    "annonces:message_report": Row(
        lambda w: reverse("annonces:message_report", args=[w.question.pk]),
        lambda w: {"reason": "abuse", "confirm": "on"},
        frozenset({"private", "staff", "admin"}),
    ),
    "annonces:message_hide": Row(
        lambda w: reverse("annonces:message_hide", args=[w.question.pk]), allowed=ANIMATORS
    ),
    # The lot's own members are told on the form that questions come from others.
    "annonces:lot_question": Row(
        on("lot_question"), lambda w: {"body": "Bonjour"}, OUTSIDERS_LOGGED_IN, refused=200
    ),
    "annonces:reservation_conversation": Row(
        on_reservation("reservation_conversation", "pending"),
        lambda w: {"body": "Bonjour"},
        MEMBERS,
    ),
    # One's own profile and account: every logged-in person, on their own data only.
    "annonces:profile": Row(
        lambda w: reverse("annonces:profile"),
        lambda w: {"first_name": "Camille", "last_name": "Martin", "phone": ""},
        frozenset(LOGGED_IN),
    ),
    # Who enters the admin is removed by another administrator: the form says so (200).
    "annonces:account_delete": Row(
        lambda w: reverse("annonces:account_delete"),
        lambda w: {"confirm": "on"},
        frozenset({"private", "other_member", "staff", "admin"}),
        refused=200,
    ),
    # Saved searches: their owner only (another's alert is a 404); the unsubscribe link of the
    # e-mails needs no login, its signed token is the permission.
    "search:alert_create": Row(
        lambda w: reverse("search:alert_create") + "?q=porte",
        lambda w: {"frequency": "daily"},
        frozenset(LOGGED_IN),
    ),
    "annonces:alert_pause": Row(
        lambda w: reverse("annonces:alert_pause", args=[w.alert.pk]), allowed={"private"}
    ),
    "annonces:alert_resume": Row(
        lambda w: reverse("annonces:alert_resume", args=[w.paused_alert.pk]), allowed={"private"}
    ),
    "annonces:alert_delete": Row(
        lambda w: reverse("annonces:alert_delete", args=[w.alert.pk]), allowed={"private"}
    ),
    "annonces:alert_unsubscribe": Row(
        lambda w: reverse("annonces:alert_unsubscribe", args=[unsubscribe_token(w.alert)]),
        allowed=frozenset(ROLES),
        ok=200,
    ),
    "annonces:favourite_toggle": Row(on("favourite_toggle"), allowed=frozenset(LOGGED_IN)),
    "annonces:notification_preferences": Row(
        lambda w: reverse("annonces:notification_preferences"),
        lambda w: {kind: "digest" for kind in NotificationKind.values},
        frozenset(LOGGED_IN),
    ),
    # The questionnaire (a Wagtail form page): open to everyone, by design.
    "cms:questionnaire": Row(
        lambda w: w.questionnaire.url, lambda w: QUESTIONNAIRE, frozenset(ROLES), ok=200
    ),
}

# What only reads (GET pages, and the search): no row, but named here so that a new URL is
# a deliberate choice. The notifications list marks the reader's own notifications read.
READ_ONLY = {
    "annonces:my_space",
    "annonces:lot_list",
    "annonces:lot_detail",
    "annonces:reservation_list",
    "annonces:reservation_detail",
    "annonces:voucher",
    "annonces:pickup_agenda",
    "annonces:data_export",
    "annonces:organisation_detail",
    "annonces:lot_slots",  # GET only (405 on POST): the free slots of a day
    "annonces:notifications",
    "annonces:conversation_list",
    "annonces:reported_conversations",
    "annonces:alert_list",
    "annonces:favourite_list",
    "annonces_reports:index",
    "annonces_reports:index_results",
    "annonces_reports:inspect",
    "annonces_disputes:index",
    "annonces_disputes:index_results",
    "annonces_disputes:inspect",
    "search:lots",
    "search:suggestions",
}
# Generated by Wagtail's ModelViewSet for reports: add, edit and delete are refused to all by the
# view-only permission policy, history and usage only read; a POST changes nothing (test below).
REFUSED_TO_ALL = {
    "annonces_reports:add",
    "annonces_reports:edit",
    "annonces_reports:delete",
    "annonces_reports:history",
    "annonces_reports:usage",
    "annonces_reports:history_results",
    "annonces_disputes:add",
    "annonces_disputes:edit",
    "annonces_disputes:delete",
    "annonces_disputes:history",
    "annonces_disputes:usage",
    "annonces_disputes:history_results",
}
NAMESPACES = ("annonces", "annonces_reports", "annonces_disputes", "search")


def url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif namespace in NAMESPACES and pattern.name:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_url_has_a_row():
    rows = {name for name in ROWS if not name.startswith("cms:")}
    unclassified = url_names() - rows - READ_ONLY - REFUSED_TO_ALL
    assert not unclassified, f"add a row to the matrix for {sorted(unclassified)}"
    assert not rows - url_names(), "a row names a URL that no longer exists"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ROWS)
def test_the_matrix(client, name, role):
    cache.clear()  # the throttles count per test
    world = build_world()
    row = ROWS[name]
    if world.users[role] is not None:
        client.force_login(world.users[role])
    before = fingerprint()

    response = client.post(row.url(world), row.data(world))

    expected = row.expected(role)
    if expected == LOGIN:
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == expected, response.content.decode()[:500]
    if role in row.allowed:
        assert fingerprint() != before, "an allowed action changed nothing"
    else:
        assert fingerprint() == before, "a refused action left a trace"


@pytest.mark.parametrize("name", sorted(REFUSED_TO_ALL))
def test_the_generated_report_forms_are_refused_even_to_a_superuser(client, name):
    world = build_world()
    client.force_login(world.users["superuser"])
    if name not in url_names():
        pytest.fail(f"{name} is no longer generated: remove it from REFUSED_TO_ALL")
    target = world.disputed if name.startswith("annonces_disputes:") else world.report
    args = [] if name.endswith(":add") else [target.pk]
    before = fingerprint()
    response = client.post(reverse(name, args=args), {"status": "dismissed"})
    assert response.status_code in (302, 403, 404, 405)
    if response.status_code == 302:
        assert reverse(name, args=args) not in response["Location"]
    assert fingerprint() == before
