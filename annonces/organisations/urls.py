"""Structures: their page, the request to join, members and invitations."""

from django.urls import path

from . import views

urlpatterns = [
    # Before structures/<slug>/: "creer" is not a structure.
    path(
        "structures/creer/",
        views.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path(
        "structures/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "structures/<slug:slug>/valider/",
        views.organisation_validate,
        name="organisation_validate",
    ),
    path(
        "structures/<slug:slug>/membres/",
        views.organisation_members,
        name="organisation_members",
    ),
    path("adhesions/<id:pk>/", views.membership_change, name="membership_change"),
    path(
        "invitations/<id:pk>/annuler/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
