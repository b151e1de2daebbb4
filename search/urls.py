from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("recherche/", views.lot_search, name="lots"),
    path("recherche/suggestions/", views.suggestions, name="suggestions"),
]
