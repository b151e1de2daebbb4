"""Pickups: a lot's free slots, a structure's hours."""

from django.urls import path

from . import views

urlpatterns = [
    path("annonces/<slug:slug>/creneaux/", views.lot_slots, name="lot_slots"),
    path("annonces/<slug:slug>/horaires/", views.lot_place_hours, name="lot_place_hours"),
    path(
        "structures/<slug:slug>/horaires/",
        views.organisation_hours,
        name="organisation_hours",
    ),
]
