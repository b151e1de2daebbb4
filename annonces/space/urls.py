"""Mon espace."""

from django.urls import path

from . import views

urlpatterns = [
    path("mon-espace/", views.MySpaceView.as_view(), name="my_space"),
]
