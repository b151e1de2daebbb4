"""The agenda: an index of upcoming and past events, and the events under it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..blocks import ContentBlock
from ..event_places import EventPageForm, event_point
from ..maps import organisation_points
from .base import BasePage
from .mentions import Mentions


class EventPageQuerySet(PageQuerySet):
    def _with_finish(self):
        # An event without an end finishes when it starts.
        return self.annotate(finish=Coalesce("end", "start"))

    def upcoming(self):
        """Events not over yet, soonest first (one under way still counts)."""
        return self._with_finish().filter(finish__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        """Events that are over, the most recent first."""
        return self._with_finish().filter(finish__lt=timezone.now()).order_by("-start", "-pk")


class EventIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("agenda")

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = self.events().upcoming()
        # Past events pile up year after year: only they are paginated.
        context["past_page"] = Paginator(self.events().past(), 10).get_page(request.GET.get("page"))
        return context


class EventPage(Mentions, BasePage):
    start = models.DateTimeField(_("début"), help_text=_("Date et heure, heure de Paris."))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    place = models.CharField(
        _("lieu"),
        max_length=150,
        help_text=_("Le nom du lieu, par exemple « Ressourcerie de Vitry »."),
    )
    address = models.CharField(
        _("adresse"),
        max_length=255,
        blank=True,
        help_text=_(
            "Numéro, rue, code postal et commune : l'adresse est placée sur la carte de "
            "l'événement (sans adresse, la carte montre la structure organisatrice)."
        ),
    )
    # Where the address was placed (event_places.place_event); not edited by hand.
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    located_address = models.CharField(max_length=255, blank=True, editable=False)
    price = models.CharField(
        _("tarif"),
        max_length=100,
        blank=True,
        help_text=_("Laisser vide si l'entrée est libre et gratuite."),
    )
    registration_url = models.URLField(
        _("lien d'inscription"),
        blank=True,
        help_text=_("Un bouton « S'inscrire » y mène tant que l'événement est à venir."),
    )
    organiser = models.ForeignKey(
        "annonces.Organisation",
        verbose_name=_("structure organisatrice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_organised",
        help_text=_("Sa page est liée depuis l'événement, et sa position placée sur la carte."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.TextField(
        _("chapeau"),
        max_length=400,
        blank=True,
        help_text=_("Deux ou trois phrases, reprises dans l'agenda."),
    )
    body = StreamField(ContentBlock(), verbose_name=_("contenu"), blank=True)

    objects = PageManager.from_queryset(EventPageQuerySet)()
    base_form_class = EventPageForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(["start", "end"]),
                FieldRowPanel(["place", "address"]),
                FieldRowPanel(["price", "registration_url"]),
                FieldPanel("organiser"),
            ],
            heading=_("Informations pratiques"),
        ),
        FieldPanel("image"),
        "intro",
        FieldPanel("body"),
        *Mentions.mention_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("place"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        organiser = self.organiser if self.organiser and self.organiser.is_validated else None
        own_place = event_point(self)
        context.update(
            organiser=organiser,
            organiser_list=[organiser] if organiser else [],
            # The event's own place; the organiser's only for an event without an address.
            points=[own_place]
            if own_place
            else organisation_points([organiser] if organiser and not self.address else []),
            map_tiles_url=settings.MAP_TILES_URL,
            map_attribution=settings.MAP_ATTRIBUTION,
        )
        return context

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("La fin de l'événement précède son début.")})

    @property
    def is_past(self) -> bool:
        return (self.end or self.start) < timezone.now()
