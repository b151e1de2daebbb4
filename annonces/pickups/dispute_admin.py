"""Disagreements about a pickup, for the animators: the queue, a count on the dashboard, and
the settlement with a note."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from ..errors import DomainError
from ..models import PickupReceipt
from ..permissions import is_network_admin
from . import receipts

SETTLED_CHOICES = [("non", _("À régler")), ("oui", _("Réglés"))]


class AnimatorsViewOnlyPolicy(ModelPermissionPolicy):
    """The animators read the disagreements and settle them through SettleView; no add, edit or
    delete form, even for superusers (they are animators too)."""

    def user_has_permission(self, user, action):
        return action == "view" and is_network_admin(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and is_network_admin(user)


register_permission_policy(PickupReceipt, AnimatorsViewOnlyPolicy(PickupReceipt))


class DisputeFilterSet(WagtailFilterSet):
    settled = django_filters.ChoiceFilter(
        label=_("Suite donnée"),
        choices=SETTLED_CHOICES,
        empty_label=_("À régler"),
        method="filter_settled",
    )

    class Meta:
        model = PickupReceipt
        fields = ["settled"]

    def filter_settled(self, queryset, name, value):
        return queryset.filter(settled_at__isnull=value != "oui")


class DisputeIndexView(IndexView):
    page_title = _("Désaccords d'enlèvement")

    def get_base_queryset(self):
        disputes = (
            super()
            .get_base_queryset()
            .disputed()
            .select_related("reservation__lot__organisation", "reservation__requester")
        )
        if not self.request.GET.get("settled"):
            disputes = disputes.filter(settled_at__isnull=True)  # the queue first
        return disputes


class SettleColumn(BaseColumn):
    cell_template_name = "annonces/pickups/admin_settle_cell.html"


def _said(receipt) -> str:
    if receipt.collected:
        return _("Oui, j'ai bien récupéré le lot")
    return _("Non, je n'ai rien récupéré")


class DisputesMenuItem(MenuItem):
    """ "Désaccords d'enlèvement (n)", for animators only."""

    def is_shown(self, request):
        return is_network_admin(request.user)

    def render_component(self, request):
        count = PickupReceipt.objects.unsettled().count()
        self.label = _("Désaccords d'enlèvement (%(count)s)") % {"count": count}
        return super().render_component(request)


class DisputesSummary(SummaryItem):
    order = 60
    template_name = "annonces/pickups/admin_disputes_summary.html"

    def is_shown(self):
        return is_network_admin(self.request.user)

    def get_context_data(self, parent_context):
        return {
            "count": PickupReceipt.objects.unsettled().count(),
            "url": reverse("annonces_disputes:index"),
        }


class SettleForm(forms.Form):
    note = forms.CharField(
        label=_("Ce qui a été constaté ou décidé"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Écrivez ce qui a été constaté ou décidé.")},
    )


class SettleView(WagtailAdminTemplateMixin, FormView):
    """Both sides' words, and the note that closes the disagreement."""

    template_name = "annonces/pickups/admin_settle.html"
    form_class = SettleForm
    page_title = _("Régler un désaccord d'enlèvement")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not is_network_admin(request.user):
            raise PermissionDenied
        receipts_seen = PickupReceipt.objects.disputed().select_related(
            "reservation__lot__organisation", "reservation__requester"
        )
        self.receipt = get_object_or_404(receipts_seen, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("annonces_disputes:index"), "label": _("Désaccords d'enlèvement")},
            {"url": "", "label": self.receipt.reservation.reference},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(receipt=self.receipt, said=_said(self.receipt), **kwargs)

    def form_valid(self, form):
        try:
            receipts.settle_dispute(self.receipt, self.request.user, form.cleaned_data["note"])
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Désaccord réglé ; la note est enregistrée."))
        return redirect("annonces_disputes:index")


class DisputeViewSet(ModelViewSet):
    model = PickupReceipt
    icon = "warning"
    menu_label = _("Désaccords d'enlèvement")
    menu_order = 207
    add_to_admin_menu = True
    index_view_class = DisputeIndexView
    filterset_class = DisputeFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        Column("reference", label=_("Demande"), accessor="reservation.reference"),
        Column("lot", label=_("Lot"), accessor="reservation.lot"),
        Column("giver", label=_("Structure qui donne"), accessor="reservation.lot.organisation"),
        Column("requester", label=_("Demandeur"), accessor="reservation.requester_name"),
        Column(
            "recorded",
            label=_("Selon la structure"),
            accessor="reservation.get_status_display",
        ),
        Column("said", label=_("Selon le demandeur"), accessor=_said),
        "answered_at",
        SettleColumn("settle", label=_("Suite")),
    ]
    form_fields = ["settlement_note"]  # never shown: the policy allows viewing only
    inspect_view_fields = [
        "reservation",
        "asked_at",
        "collected",
        "answered_at",
        "settled_at",
        "settled_by",
        "settlement_note",
    ]

    def __init__(self, name="annonces_disputes", **kwargs):
        super().__init__(name, **kwargs)

    @property
    def menu_item_class(self):
        return DisputesMenuItem

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/regler/", SettleView.as_view(), name="settle"),
        ]
