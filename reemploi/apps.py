from django.apps import AppConfig


class ReemploiConfig(AppConfig):
    name = "reemploi"
    verbose_name = "Réemploi GOSB"
