"""The animators' queue of reported lots: counts, one-click dismiss, withdraw after a look."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from ..choices import ReportStatus
from ..errors import DomainError
from ..models import LotReport
from ..permissions import is_network_admin
from . import services


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Reports are filed on the site and handled by the two actions below: no add, edit or
    delete form in the admin, even for superusers."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


register_permission_policy(LotReport, ViewOnlyPolicy(LotReport))


class ReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Suite donnée"), choices=ReportStatus.choices, empty_label=_("À traiter")
    )

    class Meta:
        model = LotReport
        fields = ["status", "reason"]


class ActionsColumn(BaseColumn):
    cell_template_name = "annonces/reports/admin_actions_cell.html"


class ReportIndexView(IndexView):
    def get_base_queryset(self):
        open_on_lot = (
            LotReport.objects.open()
            .filter(lot=OuterRef("lot"))
            .values("lot")
            .annotate(n=Count("pk"))
            .values("n")
        )
        reports = super().get_base_queryset().select_related("lot__organisation", "reporter")
        if not self.request.GET.get("status"):
            reports = reports.open()  # the queue first; the history through the filter
        return reports.annotate(open_on_lot=Subquery(open_on_lot))


class ReportsMenuItem(MenuItem):
    """ "Signalements (n)": the open reports, for animators only."""

    def is_shown(self, request):
        return is_network_admin(request.user)

    def render_component(self, request):
        count = LotReport.objects.open().count()
        self.label = _("Signalements (%(count)s)") % {"count": count}
        return super().render_component(request)


def _animator_only(request):
    if not is_network_admin(request.user):
        raise PermissionDenied


class WithdrawView(WagtailAdminTemplateMixin, TemplateView):
    """What withdrawing does, and the button that does it."""

    template_name = "annonces/reports/admin_withdraw.html"
    page_title = _("Retirer le lot signalé")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        _animator_only(request)
        self.report = get_object_or_404(LotReport.objects.select_related("lot"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.withdraw_reported_lot(self.report, request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Le lot est retiré ; la structure est prévenue."))
        return redirect("annonces_reports:index")


@require_POST
def dismiss(request, pk):
    _animator_only(request)
    report = get_object_or_404(LotReport, pk=pk)
    try:
        services.dismiss_report(report, request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Signalement classé sans suite."))
    return redirect("annonces_reports:index")


class ReportViewSet(ModelViewSet):
    model = LotReport
    icon = "warning"
    menu_label = _("Signalements")
    menu_order = 206
    add_to_admin_menu = True
    index_view_class = ReportIndexView
    filterset_class = ReportFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "lot",
        Column("organisation", label=_("Structure"), accessor="lot.organisation"),
        "reason",
        "message",
        Column("open_on_lot", label=_("Signalements à traiter sur ce lot")),
        "status",
        "created_at",
        ActionsColumn("actions", label=_("Actions")),
    ]
    form_fields = ["status"]  # never shown: the policy allows viewing only

    def __init__(self, name="annonces_reports", **kwargs):
        super().__init__(name, **kwargs)

    @property
    def menu_item_class(self):
        return ReportsMenuItem

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/retirer/", WithdrawView.as_view(), name="withdraw"),
            path("<int:pk>/classer/", dismiss, name="dismiss"),
        ]
