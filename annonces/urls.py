"""The marketplace's pages, each concept's in its own folder; all named annonces:<name>."""

from django.urls import include, path

app_name = "annonces"

urlpatterns = [
    path("", include("annonces.space.urls")),
    path("", include("annonces.people.urls")),
    path("", include("annonces.lots.urls")),
    path("", include("annonces.reservations.urls")),
    path("", include("annonces.pickups.urls")),
    path("", include("annonces.organisations.urls")),
    path("", include("annonces.notifications.urls")),
    path("", include("annonces.reports.urls")),
    path("", include("annonces.conversations.urls")),
    path("", include("annonces.alerts.urls")),
    path("", include("annonces.favourites.urls")),
]
