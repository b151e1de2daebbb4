"""Saved searches with alerts, favourites, and how each person wants to be told."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Dès qu'un lot paraît")
    DAILY = "daily", _("Une fois par jour")
    WEEKLY = "weekly", _("Une fois par semaine")


class Alert(models.Model):
    """A saved search: the search form's cleaned parameters, told at a frequency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    criteria = models.JSONField(_("critères"), default=dict)
    label = models.CharField(_("recherche"), max_length=300)
    frequency = models.CharField(
        _("fréquence"), max_length=20, choices=Frequency.choices, default=Frequency.DAILY
    )
    paused = models.BooleanField(_("en pause"), default=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("dernier envoi"), null=True, blank=True)

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label

    def search_url(self) -> str:
        from urllib.parse import urlencode

        return reverse("search:lots") + "?" + urlencode(self.criteria, doseq=True)


class AlertSentLot(models.Model):
    """A lot an alert has told of: never twice."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="sent_lots")
    lot = models.ForeignKey("annonces.Lot", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "lot"], name="alert_lot_once")]

    def __str__(self) -> str:
        return f"{self.alert_id} → {self.lot_id}"


class Favourite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    lot = models.ForeignKey("annonces.Lot", on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)
    # Each notice once: the hourly job claims the rows it tells of.
    expiry_noticed_at = models.DateTimeField(null=True, blank=True)
    reserved_noticed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("favori")
        verbose_name_plural = _("favoris")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "lot"], name="favourite_once")]

    def __str__(self) -> str:
        return f"{self.user} ♥ {self.lot}"


class NotificationKind(models.TextChoices):
    MESSAGES = "messages", _("Messages")
    REQUESTS = "requests", _("Demandes de réservation et réponses")
    ALERTS = "alerts", _("Alertes de recherche")
    NEEDS = "needs", _("Besoins")
    FAVOURITES = "favourites", _("Favoris")


class DeliveryMode(models.TextChoices):
    IMMEDIATELY = "immediately", _("Tout de suite")
    DIGEST = "digest", _("Dans un récapitulatif quotidien")
    NONE = "none", _("Pas par e-mail")


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    mode = models.CharField(max_length=20, choices=DeliveryMode.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.mode}"


class Delivery(models.Model):
    """One event told to one person: e-mailed at once, or waiting for the daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    subject = models.CharField(max_length=200)
    text = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    emailed = models.BooleanField(default=False)  # sent on its own
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["user", "created_at"],
                name="delivery_waiting",
                condition=models.Q(emailed=False, digest_sent_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.subject
