from django.urls import path

from . import views, views_reservations, views_space

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
    path(
        "annonces/<slug:slug>/reserver/",
        views_reservations.LotReserveView.as_view(),
        name="lot_reserve",
    ),
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
    path(
        "reservations/",
        views_reservations.ReservationListView.as_view(),
        name="reservation_list",
    ),
    path(
        "reservations/<str:reference>/",
        views_reservations.reservation_detail,
        name="reservation_detail",
    ),
    path(
        "reservations/<str:reference>/accepter/",
        views_reservations.reservation_accept,
        name="reservation_accept",
    ),
    path(
        "reservations/<str:reference>/refuser/",
        views_reservations.reservation_decline,
        name="reservation_decline",
    ),
    path(
        "reservations/<str:reference>/proposer/",
        views_reservations.reservation_propose,
        name="reservation_propose",
    ),
    path(
        "reservations/<str:reference>/confirmer/",
        views_reservations.reservation_confirm,
        name="reservation_confirm",
    ),
    path(
        "reservations/<str:reference>/annuler/",
        views_reservations.reservation_cancel,
        name="reservation_cancel",
    ),
    path(
        "reservations/<str:reference>/enlevement/",
        views_reservations.reservation_collect,
        name="reservation_collect",
    ),
    path("reservations/<str:reference>/bon/", views_reservations.voucher, name="voucher"),
    path(
        "notifications/",
        views_reservations.NotificationListView.as_view(),
        name="notifications",
    ),
]
