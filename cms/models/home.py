"""The site's front door."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from annonces.lots.figures import listed_count
from annonces.models import Lot, Organisation

from ..impact import HOME_FIGURES
from ..maps import organisation_points
from .base import BasePage
from .events import EventPage
from .news import NewsPage


class HomePage(BasePage):
    """Who we are, the latest lots, news and events, the impact figures and the members' map."""

    intro = models.CharField(_("accroche"), max_length=255, blank=True)
    body = RichTextField(_("présentation"), blank=True)
    latest_lots_count = models.PositiveSmallIntegerField(
        _("nombre de lots récents affichés"), default=8
    )

    content_panels = [*BasePage.content_panels, "intro", FieldPanel("body"), "latest_lots_count"]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
        "cms.EssPage",
        "cms.DirectoryPage",
        "cms.FormPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def latest_lots(self, user):
        return Lot.objects.listed_for(user).for_cards().newest()[: self.latest_lots_count]

    def latest_news(self):
        return NewsPage.objects.descendant_of(self).live().public().newest()[:3]

    def next_events(self):
        return EventPage.objects.descendant_of(self).live().public().upcoming()[:3]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        members = list(
            Organisation.objects.validated().filter(is_network_member=True).order_by("name")
        )
        context.update(
            latest_lots=self.latest_lots(request.user),
            latest_news=self.latest_news(),
            next_events=self.next_events(),
            impact=HOME_FIGURES.get(),
            # The count /annonces/ and an unfiltered search give this visitor: one rule.
            available_count=listed_count(request.user).get(),
            members=members,
            member_points=organisation_points(members),
            map_tiles_url=settings.MAP_TILES_URL,
            map_attribution=settings.MAP_ATTRIBUTION,
        )
        return context
