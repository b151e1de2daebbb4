"""News and events name the structures and lots they talk about, and link to them.

Each citation is a row of its own (an Orderable under the page) so that the editor picks
them through Wagtail's chooser modals, with a search, rather than a multi-select listing
thousands of lots (cms/choosers.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.models import Orderable

from annonces.models import Lot, Organisation


class OrganisationMention(Orderable):
    organisation = models.ForeignKey(
        "annonces.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("structure citée"),
    )
    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        abstract = True


class LotMention(Orderable):
    lot = models.ForeignKey(
        "annonces.Lot", on_delete=models.CASCADE, related_name="+", verbose_name=_("lot cité")
    )
    panels = [FieldPanel("lot")]

    class Meta(Orderable.Meta):
        abstract = True


class NewsOrganisationMention(OrganisationMention):
    page = ParentalKey(
        "cms.NewsPage", on_delete=models.CASCADE, related_name="organisation_mentions"
    )


class NewsLotMention(LotMention):
    page = ParentalKey("cms.NewsPage", on_delete=models.CASCADE, related_name="lot_mentions")


class EventOrganisationMention(OrganisationMention):
    page = ParentalKey(
        "cms.EventPage", on_delete=models.CASCADE, related_name="organisation_mentions"
    )


class EventLotMention(LotMention):
    page = ParentalKey("cms.EventPage", on_delete=models.CASCADE, related_name="lot_mentions")


class Mentions(models.Model):
    mention_panels = [
        MultiFieldPanel(
            [
                MultipleChooserPanel(
                    "organisation_mentions",
                    chooser_field_name="organisation",
                    label=_("Structures citées"),
                    help_text=_(
                        "Les structures dont parle la page : un lien vers chacune suit le texte."
                    ),
                ),
                MultipleChooserPanel(
                    "lot_mentions",
                    chooser_field_name="lot",
                    label=_("Lots cités"),
                    help_text=_(
                        "Les lots présentés : un lien vers chacun tant qu'il est en ligne."
                    ),
                ),
            ],
            heading=_("Structures et lots cités"),
        )
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), **self.mentions()}

    def mentions(self) -> dict:
        """What the page cites and a visitor may open: validated structures, lots on show."""
        # By ids: in a preview the rows are modelcluster's in-memory lists, not querysets.
        organisations = [row.organisation_id for row in self.organisation_mentions.all()]
        lots = [row.lot_id for row in self.lot_mentions.all()]
        # In the editor's order (the chooser rows can be dragged), the hidden ones left out.
        shown_organisations = Organisation.objects.validated().in_bulk(organisations)
        shown_lots = Lot.objects.on_show().select_related("organisation").in_bulk(lots)
        return {
            "mentioned_organisations": [
                shown_organisations[pk] for pk in organisations if pk in shown_organisations
            ],
            "mentioned_lots": [shown_lots[pk] for pk in lots if pk in shown_lots],
        }
