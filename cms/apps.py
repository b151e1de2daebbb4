from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Pages du site")

    def ready(self) -> None:
        from . import impact  # noqa: F401  its kept figures listen to the lots' changes
