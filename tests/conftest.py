"""Fixtures shared by the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files and renditions go to a throw-away folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
