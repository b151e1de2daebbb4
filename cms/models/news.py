"""The network's news: an index page and the news items under it."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..blocks import ContentBlock
from .base import BasePage
from .mentions import Mentions


class NewsPageQuerySet(PageQuerySet):
    def newest(self):
        """Latest news first; on the same day, the last one written first."""
        return self.order_by("-date", "-pk")

    def tagged(self, slug: str):
        """News carrying the tag of that slug."""
        return self.filter(tagged_items__tag__slug=slug).distinct()


class NewsIndexPage(BasePage):
    """The list of news, newest first, filterable by tag."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(_("actualités par page"), default=10)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), "per_page"]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("liste des actualités")

    def news(self):
        return NewsPage.objects.child_of(self).live().public().newest()

    def tags(self):
        """Tags used by at least one published news item here, for the filter."""
        return Tag.objects.filter(cms_newspagetag_items__content_object__in=self.news()).distinct()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = self.news()
        tag = Tag.objects.filter(slug=request.GET.get("tag", "")).first()
        if tag:
            news = news.tagged(tag.slug)
        # get_page() turns "abc", 0 or 999 into the nearest real page: never a 500, never a 404.
        context["news_page"] = Paginator(news, self.per_page).get_page(request.GET.get("page"))
        context.update(current_tag=tag, tags=self.tags())
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(Mentions, BasePage):
    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("Celle affichée et qui ordonne la liste."),
    )
    author = models.CharField(
        _("auteur ou autrice"),
        max_length=120,
        blank=True,
        help_text=_("Une personne ou une structure ; vide, rien n'est affiché."),
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
        help_text=_("Deux ou trois phrases, reprises dans la liste et les flux RSS."),
    )
    body = StreamField(ContentBlock(), verbose_name=_("contenu"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("mots-clés"))

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(["date", "author", FieldPanel("tags")], heading=_("Publication")),
        FieldPanel("image"),
        "intro",
        FieldPanel("body"),
        *Mentions.mention_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
