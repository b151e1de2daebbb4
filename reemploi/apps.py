from django.apps import AppConfig


class ReemploiConfig(AppConfig):
    name = "reemploi"
    verbose_name = "Réemploi GOSB"

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers itself)
        from .converters import register

        # Before any URLconf is read: annonces and cms route ids through <id:…>.
        register()
