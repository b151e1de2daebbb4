"""StreamField blocks the animators compose pages with."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from annonces.models import Lot

# Headings start at h2: the page title is the only h1.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "cms/blocks/heading.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    # ImageBlock asks for the alternative text (or "decorative") next to the image itself.
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("légende"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image avec légende")
        template = "cms/blocks/image_with_caption.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("auteur ou autrice"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "cms/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"))
    text = blocks.TextBlock(label=_("texte"), required=False)
    button_label = blocks.CharBlock(label=_("libellé du bouton"))
    page = blocks.PageChooserBlock(label=_("page du site"), required=False)
    url = blocks.URLBlock(label=_("ou adresse externe"), required=False)

    class Meta:
        icon = "pick"
        label = _("Appel à l'action")
        template = "cms/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choisissez soit une page du site, soit une adresse externe.")
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("chiffre"), max_length=20, help_text=_("Ex. : 10, 2 300 t"))
    label = blocks.CharBlock(label=_("ce qu'il mesure"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"), required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("chiffres"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        label = _("Chiffres clés")
        template = "cms/blocks/key_figures.html"


class LatestLotsBlock(blocks.StructBlock):
    """The newest public lots of a category, read when the page is shown (never stale)."""

    title = blocks.CharBlock(label=_("titre"), required=False)
    category = SnippetChooserBlock("annonces.Category", label=_("catégorie"))
    count = blocks.IntegerBlock(label=_("nombre de lots"), default=4, min_value=1, max_value=12)

    class Meta:
        icon = "tag"
        label = _("Derniers lots d'une catégorie")
        template = "cms/blocks/latest_lots.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        category = value["category"]
        request = (parent_context or {}).get("request")
        user = getattr(request, "user", None) or AnonymousUser()
        context["lots"] = (
            Lot.objects.listed_for(user)
            .in_category(category)
            .for_cards()
            .newest()[: value["count"]]
            if category
            else Lot.objects.none()
        )
        return context


class ContentBlock(blocks.StreamBlock):
    """What a news item or an event says."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Texte"), template="cms/blocks/paragraph.html"
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()


class EssContentBlock(ContentBlock):
    """An ESS promotion page adds figures and live lots to the basics."""

    key_figures = KeyFiguresBlock()
    latest_lots = LatestLotsBlock()
