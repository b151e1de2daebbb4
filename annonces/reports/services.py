"""Reports of lots: filed by anyone, handled by the network's animators."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ReportReason, ReportStatus
from ..errors import ReportError
from ..lots.services import moderate_lot
from ..models import Lot, LotReport
from ..permissions import is_network_admin


def report_lot(lot: Lot, reason: str, message: str = "", reporter=None) -> LotReport:
    """Anyone (logged in or not) reports a lot they can see, with a reason from the list."""
    if reason not in ReportReason.values:
        raise ReportError(_("Choisissez un motif dans la liste."))
    reporter = reporter if reporter is not None and reporter.is_authenticated else None
    return LotReport.objects.create(
        lot=lot, reason=reason, message=message.strip()[:2000], reporter=reporter
    )


def _check_animator(user) -> None:
    if not is_network_admin(user):
        raise ReportError(_("Seuls les animateurs du réseau traitent les signalements."))


@transaction.atomic
def withdraw_reported_lot(report: LotReport, animator) -> Lot:
    """Withdraw the lot through the network's moderation (its requests are closed and the
    structure is told why); every open report of that lot is then handled."""
    _check_animator(animator)
    report = LotReport.objects.select_for_update().select_related("lot").get(pk=report.pk)
    if report.status != ReportStatus.OPEN:
        raise ReportError(_("Ce signalement a déjà été traité."))
    reason = _("Annonce retirée après un signalement : %(reason)s.") % {
        "reason": report.get_reason_display()
    }
    lot = moderate_lot(report.lot, animator, str(reason))
    report.lot.reports.open().update(
        status=ReportStatus.WITHDRAWN, handled_by=animator, handled_at=timezone.now()
    )
    return lot


@transaction.atomic
def dismiss_report(report: LotReport, animator) -> LotReport:
    """Close a report without touching the lot."""
    _check_animator(animator)
    report = LotReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.OPEN:
        raise ReportError(_("Ce signalement a déjà été traité."))
    report.status = ReportStatus.DISMISSED
    report.handled_by = animator
    report.handled_at = timezone.now()
    report.save(update_fields=["status", "handled_by", "handled_at"])
    return report
