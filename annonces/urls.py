from django.urls import path

from . import views

app_name = "annonces"

urlpatterns = [
    path("annonces/", views.LotListView.as_view(), name="lot_list"),
    path("annonces/<slug:slug>/", views.LotDetailView.as_view(), name="lot_detail"),
    path(
        "structures/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
]
