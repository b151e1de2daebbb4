"""Reservations in Wagtail's admin: animators follow and export them, and change none."""

import django_filters
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from reemploi.spreadsheets import SafeSpreadsheetExportMixin

from ..choices import ReservationStatus
from ..models import Organisation, Reservation
from ..people.names import staff_label


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing only, even for superusers.

    A reservation changes through annonces.reservations.services alone, which keeps the lot's
    counters, the history and the e-mails in step; an edit form here would bypass all three.
    """

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


register_permission_policy(Reservation, ReadOnlyPolicy(Reservation))


class ReservationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=ReservationStatus.choices)
    lender = django_filters.ModelChoiceFilter(
        label=_("Structure qui donne"),
        field_name="lot__organisation",
        queryset=Organisation.objects.filter(lots__isnull=False).distinct().order_by("name"),
    )

    class Meta:
        model = Reservation
        fields = ["status", "lender"]


class ReservationIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("lot__organisation", "requester")


class ReservationInspectView(InspectView):
    def get_fields_context(self):
        return [*super().get_fields_context(), self._history()]

    def _history(self) -> dict:
        events = self.object.events.select_related("actor")
        lines = format_html_join(
            "",
            "<li>{} · {} · {}{}</li>",
            (
                (
                    date_format(timezone.localtime(event.created_at), "SHORT_DATETIME_FORMAT"),
                    event.get_to_status_display(),
                    staff_label(event.actor) if event.actor else _("la plateforme"),
                    f" : {event.note}" if event.note else "",
                )
                for event in events
            ),
        )
        return {"label": _("Historique"), "value": format_html("<ul>{}</ul>", lines)}


class ReservationViewSet(ModelViewSet):
    model = Reservation
    icon = "date"
    menu_label = _("Réservations")
    menu_order = 205
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ReservationIndexView
    inspect_view_class = ReservationInspectView
    ordering = ["-created_at"]
    form_fields = []  # no form is ever shown: the policy refuses adding and changing
    filterset_class = ReservationFilterSet
    search_fields = ["reference", "lot__title", "requester__email", "requester__last_name"]
    list_display = ["reference", "lot", "requester", "quantity", "status", "pickup_at"]
    list_export = [
        "reference",
        "lot",
        "lot.organisation",
        "requester",
        "organisation",
        "quantity",
        "status",
        "pickup_at",
        "collected_quantity",
        "collected_weight_kg",
        "collected_at",
        "created_at",
    ]
    export_headings = {"lot.organisation": _("Structure qui donne")}
    export_filename = "reservations"
    inspect_view_fields = [
        "reference",
        "lot",
        "requester",
        "organisation",
        "quantity",
        "message",
        "pickup_at",
        "status",
        "decline_reason",
        "expires_at",
        "collected_quantity",
        "collected_weight_kg",
        "collected_at",
        "created_at",
    ]
