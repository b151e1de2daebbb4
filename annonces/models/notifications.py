"""What the platform told a user, kept so they find it again in their space."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinataire"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    subject = models.CharField(_("objet"), max_length=200)
    body = models.TextField(_("message"))
    url = models.CharField(_("lien"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
