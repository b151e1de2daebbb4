from django.urls import path

from . import views

urlpatterns = [
    path("mon-espace/alertes/", views.AlertListView.as_view(), name="alert_list"),
    path("mon-espace/alertes/<int:pk>/pause/", views.pause, name="alert_pause"),
    path("mon-espace/alertes/<int:pk>/reprise/", views.resume, name="alert_resume"),
    path("mon-espace/alertes/<int:pk>/supprimer/", views.delete, name="alert_delete"),
    path("alertes/desabonnement/<str:token>/", views.unsubscribe, name="alert_unsubscribe"),
]
