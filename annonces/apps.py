from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnoncesConfig(AppConfig):
    name = "annonces"
    verbose_name = _("Annonces de réemploi")

    def ready(self) -> None:
        from .lots import (
            figures,  # noqa: F401  its kept count listens to the lots' changes
            signals,  # noqa: F401 (connects its receivers)
        )
        from .organisations import figures as organisation_figures  # noqa: F401  the same
        from .people.names import name_users_for_staff

        name_users_for_staff()
