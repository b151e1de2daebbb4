"""Reservations: asking for a lot, answering, collecting, the voucher."""

from django.urls import path

from . import views

urlpatterns = [
    path("annonces/<slug:slug>/reserver/", views.LotReserveView.as_view(), name="lot_reserve"),
    path("reservations/", views.ReservationListView.as_view(), name="reservation_list"),
    path("reservations/<str:reference>/", views.reservation_detail, name="reservation_detail"),
    path(
        "reservations/<str:reference>/accepter/",
        views.reservation_accept,
        name="reservation_accept",
    ),
    path(
        "reservations/<str:reference>/refuser/",
        views.reservation_decline,
        name="reservation_decline",
    ),
    path(
        "reservations/<str:reference>/proposer/",
        views.reservation_propose,
        name="reservation_propose",
    ),
    path(
        "reservations/<str:reference>/confirmer/",
        views.reservation_confirm,
        name="reservation_confirm",
    ),
    path(
        "reservations/<str:reference>/annuler/",
        views.reservation_cancel,
        name="reservation_cancel",
    ),
    path(
        "reservations/<str:reference>/enlevement/",
        views.reservation_collect,
        name="reservation_collect",
    ),
    path("reservations/<str:reference>/bon/", views.voucher, name="voucher"),
]
