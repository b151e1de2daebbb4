"""What every page of the site shares: a sharing image and its breadcrumbs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class BasePage(Page):
    """A page with an image for social networks (og:image) besides Wagtail's SEO fields."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Montrée quand la page est partagée sur un réseau social (1200 × 630 idéal)."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    def breadcrumbs(self):
        """The live pages from the home page down to this one's parent."""
        return self.get_ancestors().filter(depth__gte=2).live()

    def sharing_image(self):
        """The image shown when the page is shared: the chosen one, else the page's own."""
        return self.social_image or getattr(self, "image", None)
