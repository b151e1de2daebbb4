"""The directory of the territory's ESS actors, with filters and a map."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from annonces.models import Organisation

from ..directory import in_french_order, split_partners
from ..forms import DirectoryFilterForm
from ..maps import organisation_points
from .base import BasePage


class DirectoryPage(BasePage):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Au-dessus des filtres : à qui sert l'annuaire, comment y figurer."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("annuaire des acteurs")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = DirectoryFilterForm(request.GET)
        found = in_french_order(form.filter(Organisation.objects.validated()))
        organisations, partners = split_partners(found)
        context.update(
            form=form,
            organisations=organisations,
            partners=partners,
            points=organisation_points(found),
            map_tiles_url=settings.MAP_TILES_URL,
            map_attribution=settings.MAP_ATTRIBUTION,
        )
        return context
