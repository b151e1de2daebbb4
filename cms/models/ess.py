"""Pages that explain the social and solidarity economy (ESS) and its actors."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import EssContentBlock
from .base import BasePage


class EssPage(BasePage):
    """A flexible page: the animators build it from blocks, and may nest pages under it."""

    intro = models.TextField(
        _("chapeau"),
        max_length=400,
        blank=True,
        help_text=_("Deux ou trois phrases, sous le titre et dans les résultats de recherche."),
    )
    body = StreamField(EssContentBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [*BasePage.content_panels, "intro", FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.EssPage"]
    subpage_types = ["cms.EssPage"]

    class Meta:
        verbose_name = _("page ESS")
        verbose_name_plural = _("pages ESS")

    def child_pages(self):
        return EssPage.objects.child_of(self).live().public()
