"""Reports of lots by visitors, waiting for a network animator."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ReportReason, ReportStatus
from .base import choices_check


class LotReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no animator has handled yet."""
        return self.filter(status=ReportStatus.OPEN)


class LotReport(models.Model):
    lot = models.ForeignKey(
        "annonces.Lot", on_delete=models.CASCADE, related_name="reports", verbose_name=_("lot")
    )
    reason = models.CharField(_("motif"), max_length=20, choices=ReportReason.choices)
    message = models.TextField(_("précisions"), max_length=2000, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signalé par"),
    )
    status = models.CharField(
        _("suite donnée"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(_("signalé le"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("traité par"),
    )
    handled_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    objects = LotReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["-created_at"]
        constraints = [
            choices_check("reason", ReportReason, "lotreport_reason_valid"),
            choices_check("status", ReportStatus, "lotreport_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.lot} · {self.get_reason_display()}"
