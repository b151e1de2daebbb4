"""Reservations: asking for a lot, answering, collecting, the voucher."""

from django.urls import path

from . import views

urlpatterns = [
    path("annonces/<slug:slug>/reserver/", views.LotReserveView.as_view(), name="lot_reserve"),
    path("reservations/", views.ReservationListView.as_view(), name="reservation_list"),
    path(
        "reservations/<reference:reference>/", views.reservation_detail, name="reservation_detail"
    ),
    path(
        "reservations/<reference:reference>/accepter/",
        views.reservation_accept,
        name="reservation_accept",
    ),
    path(
        "reservations/<reference:reference>/refuser/",
        views.reservation_decline,
        name="reservation_decline",
    ),
    path(
        "reservations/<reference:reference>/proposer/",
        views.reservation_propose,
        name="reservation_propose",
    ),
    path(
        "reservations/<reference:reference>/confirmer/",
        views.reservation_confirm,
        name="reservation_confirm",
    ),
    path(
        "reservations/<reference:reference>/annuler/",
        views.reservation_cancel,
        name="reservation_cancel",
    ),
    path(
        "reservations/<reference:reference>/enlevement/",
        views.reservation_collect,
        name="reservation_collect",
    ),
    path(
        "reservations/<reference:reference>/personne-n-est-venu/",
        views.reservation_no_show,
        name="reservation_no_show",
    ),
    path(
        "reservations/<reference:reference>/a-eu-lieu/",
        views.reservation_receipt,
        name="reservation_receipt",
    ),
    path("reservations/<reference:reference>/bon/", views.voucher, name="voucher"),
    path(
        "reservations/<reference:reference>/agenda.ics",
        views.pickup_agenda,
        name="pickup_agenda",
    ),
]
