"""When a structure hands lots over: its weekly opening ranges and its exceptional closures."""

from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from reemploi.typography import format_date

from .lots import Lot
from .organisations import Organisation

MIDNIGHT = time(0)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")
    SATURDAY = 5, _("samedi")
    SUNDAY = 6, _("dimanche")


class WeeklyRange(models.Model):
    """One opening of the week, such as Wednesday 11:00–19:00; a day may have several."""

    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    opens = models.TimeField(_("ouvre à"))
    # 00:00 as a closing time is midnight at the end of the day (OpenStreetMap's 24:00).
    closes = models.TimeField(_("ferme à"), help_text=_("00:00 : jusqu'à minuit."))

    class Meta:
        abstract = True
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6),
                name="%(class)s_weekday_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")) | models.Q(closes=MIDNIGHT),
                name="%(class)s_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes_label}"

    @property
    def closes_label(self) -> str:
        return "24:00" if self.closes == MIDNIGHT else f"{self.closes:%H:%M}"

    @property
    def minutes(self) -> tuple[int, int]:
        """Opening and closing as minutes after midnight (midnight closing is 1440)."""
        closes = 24 * 60 if self.closes == MIDNIGHT else self.closes.hour * 60 + self.closes.minute
        return self.opens.hour * 60 + self.opens.minute, closes

    def clean(self):
        if self.opens is not None and self.closes is not None:
            start, end = self.minutes
            if end <= start:
                raise ValidationError(
                    {"closes": _("L'heure de fermeture doit suivre l'heure d'ouverture.")}
                )


class OpeningRange(WeeklyRange):
    """The structure's week: its lots are picked up then, unless a lot's place has its own."""

    organisation = ParentalKey(
        Organisation,
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="opening_ranges",
    )

    class Meta(WeeklyRange.Meta):
        verbose_name = _("plage d'ouverture")
        verbose_name_plural = _("horaires d'ouverture")


class PlaceOpeningRange(WeeklyRange):
    """The week of a lot's own pickup place (a building site, a depot), when it is not the
    structure's: its ranges replace the structure's for that lot; closures stay the structure's."""

    lot = models.ForeignKey(
        Lot,
        verbose_name=_("lot"),
        on_delete=models.CASCADE,
        related_name="place_opening_ranges",
    )

    class Meta(WeeklyRange.Meta):
        verbose_name = _("plage d'ouverture du lieu d'enlèvement")
        verbose_name_plural = _("horaires du lieu d'enlèvement")


class Closure(models.Model):
    """Days the structure is closed although its week says open: summer, works, a strike."""

    organisation = ParentalKey(
        Organisation,
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="closures",
    )
    starts_on = models.DateField(_("du"))
    ends_on = models.DateField(_("au (inclus)"))
    reason = models.CharField(
        _("motif"), max_length=100, blank=True, help_text=_("Par exemple : fermeture estivale.")
    )

    class Meta:
        verbose_name = _("fermeture exceptionnelle")
        verbose_name_plural = _("fermetures exceptionnelles")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="closure_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        dates = {
            "start": format_date(self.starts_on, "j F Y"),
            "end": format_date(self.ends_on, "j F Y"),
        }
        label = _("du %(start)s au %(end)s") % dates
        return f"{self.reason} ({label})" if self.reason else str(label)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("La fin de la fermeture ne peut précéder son début.")}
            )
