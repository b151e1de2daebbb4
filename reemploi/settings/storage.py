"""Where uploaded photos live: the filesystem (MEDIA_ROOT) unless an S3 bucket is named.

On one machine the media volume is enough; with several gunicorn machines they must
share the files, so S3_BUCKET switches to an S3-compatible object store (AWS, Scaleway,
OVH, MinIO…) through django-storages.
"""

from .env import env_bool, env_str


def media_storage() -> dict:
    """The STORAGES["default"] entry, from S3_* variables when S3_BUCKET is set."""
    bucket = env_str("S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,  # empty: AWS itself
        "region_name": env_str("S3_REGION", "") or None,
        "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
        # Photos are public (lot pages show them): plain URLs, cacheable by browsers,
        # rather than signed ones that change at every page view.
        "querystring_auth": env_bool("S3_SIGNED_URLS", False),
        "custom_domain": env_str("S3_CUSTOM_DOMAIN", "") or None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
