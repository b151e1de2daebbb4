"""Media on the filesystem by default, in an S3-compatible bucket when S3_BUCKET is set."""

from django.utils.module_loading import import_string

from reemploi.settings.storage import media_storage

SCALEWAY = {
    "S3_BUCKET": "reemploi-media",
    "S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
    "S3_REGION": "fr-par",
    "S3_ACCESS_KEY_ID": "SCWEXAMPLEKEY",
    "S3_SECRET_ACCESS_KEY": "example-secret-not-a-real-one",
}


def storage_from(config: dict):
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))


def test_without_a_bucket_photos_stay_in_media_root(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert media_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_sends_photos_to_s3_with_plain_cacheable_urls(monkeypatch):
    for name, value in SCALEWAY.items():
        monkeypatch.setenv(name, value)
    storage = storage_from(media_storage())
    url = storage.url("images/porte.jpg")
    assert url.startswith("https://") and "reemploi-media" in url
    assert url.endswith("/images/porte.jpg")  # no signature: the same URL at every view
    assert storage.object_parameters["CacheControl"] == "public, max-age=86400"
    assert storage.file_overwrite is False  # two photos named IMG_0001.jpg both survive


def test_a_cdn_in_front_of_the_bucket_serves_the_photos(monkeypatch):
    for name, value in {**SCALEWAY, "S3_CUSTOM_DOMAIN": "photos.reemploi.example.org"}.items():
        monkeypatch.setenv(name, value)
    url = storage_from(media_storage()).url("images/porte.jpg")
    assert url == "https://photos.reemploi.example.org/images/porte.jpg"
