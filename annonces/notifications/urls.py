"""The user's notifications."""

from django.urls import path

from . import preferences_page, views

urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path(
        "mon-espace/notifications/",
        preferences_page.PreferencesView.as_view(),
        name="notification_preferences",
    ),
]
