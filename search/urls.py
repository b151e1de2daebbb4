from django.urls import path

from . import save_search, views

app_name = "search"

urlpatterns = [
    path("recherche/", views.lot_search, name="lots"),
    path("recherche/alerte/", save_search.create_alert_view, name="alert_create"),
    path("recherche/suggestions/", views.suggestions, name="suggestions"),
]
