"""Mon profil."""

from django.urls import path

from . import views

urlpatterns = [
    path("mon-espace/profil/", views.profile, name="profile"),
    path("mon-espace/mes-donnees/", views.data_export, name="data_export"),
    path("mon-espace/supprimer-mon-compte/", views.account_delete, name="account_delete"),
]
