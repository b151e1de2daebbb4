from django.apps import AppConfig


class ReemploiConfig(AppConfig):
    name = "reemploi"
    verbose_name = "Réemploi GOSB"

    def ready(self) -> None:
        from . import checks, production_checks  # noqa: F401 (they register themselves)
        from .converters import register
        from .page_cache import connect_invalidation

        # Before any URLconf is read: annonces and cms route ids through <id:…>.
        register()
        connect_invalidation()
