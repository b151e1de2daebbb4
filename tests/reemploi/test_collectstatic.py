"""Production's static storage (hashed names, compressed) accepts every vendored file."""

import re

from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_with_the_manifest_storage_keeps_leaflets_source_map(tmp_path):
    with override_settings(STORAGES=PRODUCTION_STATIC, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
    (hashed,) = (tmp_path / "vendor" / "leaflet").glob("leaflet.*.js")
    # The reference to the map points at the map's hashed copy, which is there.
    (map_name,) = re.findall(r"sourceMappingURL=(\S+)", hashed.read_text())
    assert re.fullmatch(r"leaflet\.js\.[0-9a-f]{12}\.map", map_name)
    assert (tmp_path / "vendor" / "leaflet" / map_name).exists()
