"""Routes beside the page tree; included before Wagtail's catch-all."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views
from .feeds import NewsAtomFeed, NewsRssFeed

app_name = "cms"

# Every path here ends in an extension: a page slug has no dot, so no page is shadowed.
urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("flux/actualites.rss", NewsRssFeed(), name="news_rss"),
    path("flux/actualites.atom", NewsAtomFeed(), name="news_atom"),
    path("calendrier/agenda.ics", views.agenda_ical, name="agenda_ical"),
    path("calendrier/evenement-<id:page_id>.ics", views.event_ical, name="event_ical"),
]
