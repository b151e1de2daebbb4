"""Wagtail pages of the public site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from annonces.models import Lot


class HomePage(Page):
    """The site's front door: who we are and the latest lots."""

    intro = models.CharField(_("accroche"), max_length=255, blank=True)
    body = RichTextField(_("présentation"), blank=True)
    latest_lots_count = models.PositiveSmallIntegerField(
        _("nombre de lots récents affichés"), default=8
    )

    content_panels = [*Page.content_panels, "intro", FieldPanel("body"), "latest_lots_count"]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def latest_lots(self):
        return Lot.objects.visible().for_cards().newest()[: self.latest_lots_count]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_lots"] = self.latest_lots()
        return context
