from django.urls import path

from . import views, views_space

app_name = "annonces"

urlpatterns = [
    path("mon-espace/", views_space.MySpaceView.as_view(), name="my_space"),
    path("annonces/", views.LotListView.as_view(), name="lot_list"),
    # Before annonces/<slug>/: "nouvelle" is not a lot.
    path("annonces/nouvelle/", views_space.LotFormView.as_view(), name="lot_create"),
    path("annonces/<slug:slug>/", views.LotDetailView.as_view(), name="lot_detail"),
    path("annonces/<slug:slug>/modifier/", views_space.LotFormView.as_view(), name="lot_edit"),
    path("annonces/<slug:slug>/publier/", views_space.lot_publish, name="lot_publish"),
    path("annonces/<slug:slug>/dupliquer/", views_space.lot_duplicate, name="lot_duplicate"),
    path("annonces/<slug:slug>/retirer/", views_space.lot_withdraw, name="lot_withdraw"),
    path("annonces/<slug:slug>/moderer/", views_space.lot_moderate, name="lot_moderate"),
    path(
        "annonces/<slug:slug>/photos/<int:photo_id>/supprimer/",
        views_space.photo_delete,
        name="photo_delete",
    ),
    # Before structures/<slug>/: "creer" is not a structure.
    path(
        "structures/creer/",
        views_space.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path(
        "structures/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "structures/<slug:slug>/valider/",
        views_space.organisation_validate,
        name="organisation_validate",
    ),
    path(
        "structures/<slug:slug>/membres/",
        views_space.organisation_members,
        name="organisation_members",
    ),
    path("adhesions/<int:pk>/", views_space.membership_change, name="membership_change"),
    path("invitations/<str:token>/", views_space.invitation_accept, name="invitation_accept"),
]
