"""The network's news as RSS 2.0 and Atom 1.0 feeds (Django's syndication framework)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import NewsIndexPage, NewsPage

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    title = _("Actualités du réseau du réemploi Grand-Orly Seine Bièvre")
    description = _("Les nouvelles des ressourceries et des acteurs de l'ESS du territoire.")

    def get_object(self, request, *args, **kwargs):
        # Page URLs depend on the site the request reached; keep it for link().
        self.request = request
        return None

    def link(self):
        index = NewsIndexPage.objects.live().public().first()
        return index.get_url(self.request) if index else "/"

    def items(self):
        return NewsPage.objects.live().public().newest()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro or item.search_description

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"{self.request.get_host()}/actualite/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        # News carry a day, not an hour: publish it at midnight, Paris time.
        return timezone.make_aware(datetime.combine(item.date, time.min))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
