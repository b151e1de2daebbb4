from django.urls import path

from . import views

urlpatterns = [
    path("annonces/<slug:slug>/favori/", views.toggle, name="favourite_toggle"),
    path("mon-espace/favoris/", views.FavouriteListView.as_view(), name="favourite_list"),
]
