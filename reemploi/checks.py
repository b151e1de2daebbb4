"""Misconfigured geocoding settings, caught by `manage.py check` (production sets its own
GEOCODER after the base settings, so the choice is checked here rather than on import)."""

from django.conf import settings
from django.core import checks

GEOCODERS = ("ban", "nominatim", "offline")


@checks.register(checks.Tags.compatibility)
def check_geocoder_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A geocoder this project does not know, or a timeout or delay that cannot work."""
    errors = []
    if settings.GEOCODER not in GEOCODERS:
        errors.append(
            checks.Error(
                f"GEOCODER={settings.GEOCODER!r} is not a known geocoder.",
                hint="Use ban (the national address API), nominatim or offline.",
                id="reemploi.E001",
            )
        )
    if settings.GEOCODER_TIMEOUT <= 0 or settings.GEOCODER_MIN_DELAY < 0:
        errors.append(
            checks.Error(
                "GEOCODER_TIMEOUT must be positive and GEOCODER_MIN_DELAY not negative.",
                hint="Defaults: 2.5 s and 0.05 s.",
                id="reemploi.E002",
            )
        )
    return errors
