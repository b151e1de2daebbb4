"""Conversations about a lot: a question before reserving, then the reservation's thread."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import choices_check

MESSAGE_MAX_LENGTH = 4000


class MessageReportReason(models.TextChoices):
    ABUSE = "abuse", _("Propos insultants ou menaçants")
    SPAM = "spam", _("Publicité ou message indésirable")
    FRAUD = "fraud", _("Tentative d'arnaque")
    OTHER = "other", _("Autre raison")


class ConversationQuerySet(models.QuerySet):
    def involving(self, user):
        """Threads the user takes part in: as the asker, a member of the giving structure, or
        a member of the structure the reservation was made for."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(asker=user)
            | models.Q(lot__organisation__in=user.memberships.values("organisation"))
            | models.Q(reservation__organisation__in=user.memberships.values("organisation"))
        )

    def reported(self):
        """Threads with at least one reported message: the only ones animators may open."""
        reports = MessageReport.objects.filter(message__conversation=models.OuterRef("pk"))
        return self.filter(models.Exists(reports))

    def with_unread(self, user):
        """unread: a message from someone else since the user last opened the thread."""
        read_at = ConversationState.objects.filter(
            conversation=models.OuterRef("conversation"), user=user
        ).values("read_at")[:1]
        newer = (
            Message.objects.filter(conversation=models.OuterRef("pk"), hidden_at__isnull=True)
            .exclude(author=user)
            .annotate(read_at=models.Subquery(read_at))
            .filter(models.Q(read_at__isnull=True) | models.Q(created_at__gt=models.F("read_at")))
        )
        return self.annotate(unread=models.Exists(newer))

    def unread_count(self, user) -> int:
        """How many of the user's threads hold something new: one query."""
        return self.involving(user).with_unread(user).filter(unread=True).count()


class Conversation(models.Model):
    """One thread per asker and lot: the question opens it, a reservation continues it."""

    lot = models.ForeignKey(
        "annonces.Lot", verbose_name=_("lot"), on_delete=models.CASCADE,
        related_name="conversations",
    )  # fmt: skip
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("demandeur"), on_delete=models.CASCADE,
        related_name="conversations_started",
    )  # fmt: skip
    # The asker's latest reservation of this lot: its organisation's members join the thread,
    # and its acceptance lifts the masking of contact details.
    reservation = models.ForeignKey(
        "annonces.Reservation", verbose_name=_("réservation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="conversations",
    )  # fmt: skip
    created_at = models.DateTimeField(_("ouverte le"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("dernier message le"), null=True, db_index=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "asker"], name="conversation_one_per_asker")
        ]

    def __str__(self) -> str:
        return f"{self.lot} · {self.asker}"

    def get_absolute_url(self) -> str:
        return reverse("annonces:conversation_detail", args=[self.pk])


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, verbose_name=_("conversation"), on_delete=models.CASCADE,
        related_name="messages",
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # Written by the giving structure's staff (else by the asker's side).
    from_giver = models.BooleanField(_("de la structure qui donne"), default=False)
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    # Decided when the message is written: typed before an accepted reservation, its phone
    # numbers and e-mail addresses stay masked, even once the reservation is accepted.
    contacts_visible = models.BooleanField(_("coordonnées visibles"), default=False)
    created_at = models.DateTimeField(_("envoyé le"), auto_now_add=True, db_index=True)
    hidden_at = models.DateTimeField(_("masqué le"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("masqué par"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class MessagePhoto(models.Model):
    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("photo d'un message")
        verbose_name_plural = _("photos des messages")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.message_id} · {self.image_id}"


class ConversationState(models.Model):
    """Per participant: up to when they read the thread, and when they were last e-mailed."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="states")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("lue jusqu'au"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dernier e-mail le"), null=True, blank=True)

    class Meta:
        verbose_name = _("suivi d'une conversation")
        verbose_name_plural = _("suivis des conversations")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="conversation_state_once")
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id} · {self.user_id}"


class MessageReport(models.Model):
    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("motif"), max_length=10, choices=MessageReportReason.choices)
    details = models.TextField(_("précisions"), max_length=2000, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signalé par"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("signalé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("signalement d'un message")
        verbose_name_plural = _("signalements des messages")
        ordering = ["-created_at"]
        constraints = [choices_check("reason", MessageReportReason, "messagereport_reason_valid")]

    def __str__(self) -> str:
        return f"{self.message_id} · {self.get_reason_display()}"
