from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche de lots")

    def ready(self) -> None:
        from . import checks, indexing  # noqa: F401 (checks registers itself)

        indexing.connect_signals()
