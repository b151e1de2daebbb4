"""Lots: the list, a lot's page, and the member's form and actions."""

from django.urls import path

from . import views

urlpatterns = [
    path("annonces/", views.LotListView.as_view(), name="lot_list"),
    # Before annonces/<slug>/: "nouvelle" is not a lot.
    path("annonces/nouvelle/", views.LotFormView.as_view(), name="lot_create"),
    path("annonces/<slug:slug>/", views.LotDetailView.as_view(), name="lot_detail"),
    path("annonces/<slug:slug>/modifier/", views.LotFormView.as_view(), name="lot_edit"),
    path("annonces/<slug:slug>/publier/", views.lot_publish, name="lot_publish"),
    path("annonces/<slug:slug>/dupliquer/", views.lot_duplicate, name="lot_duplicate"),
    path("annonces/<slug:slug>/retirer/", views.lot_withdraw, name="lot_withdraw"),
    path("annonces/<slug:slug>/moderer/", views.lot_moderate, name="lot_moderate"),
    path(
        "annonces/<slug:slug>/photos/<id:photo_id>/supprimer/",
        views.photo_delete,
        name="photo_delete",
    ),
]
