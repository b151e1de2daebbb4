"""Reports: the "Signaler l'annonce" form of a lot."""

from django.urls import path

from . import views

urlpatterns = [
    path("annonces/<slug:slug>/signaler/", views.lot_report, name="lot_report"),
]
