"""Conversations: French paths, English names."""

from django.urls import path

from . import views

urlpatterns = [
    path("conversations/", views.conversation_list, name="conversation_list"),
    path("conversations/signalees/", views.reported_conversations, name="reported_conversations"),
    path("conversations/<int:pk>/", views.conversation_detail, name="conversation_detail"),
    path("conversations/messages/<int:pk>/signaler/", views.message_report, name="message_report"),
    path("conversations/messages/<int:pk>/masquer/", views.message_hide, name="message_hide"),
    path("annonces/<slug:slug>/question/", views.lot_question, name="lot_question"),
    path(
        "reservations/<reference:reference>/messages/",
        views.reservation_conversation,
        name="reservation_conversation",
    ),
]
