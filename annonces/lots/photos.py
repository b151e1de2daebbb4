"""Photos taken on a phone, made safe to publish: checked, turned upright, metadata dropped."""

import io
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener
from wagtail.images import get_image_model

from ..collections import lot_photo_collection

register_heif_opener()  # iPhones send HEIC

# Pillow's format name → what is stored. HEIC becomes JPEG: every browser shows it.
_OUTPUT = {"JPEG": ("JPEG", "jpg"), "MPO": ("JPEG", "jpg"), "HEIF": ("JPEG", "jpg"),
           "PNG": ("PNG", "png"), "WEBP": ("WEBP", "webp")}  # fmt: skip
# 48 Mpx covers today's phone sensors; beyond that a "photo" is most likely a bomb.
MAX_PIXELS = 48_000_000


def _refuse(message) -> None:
    raise ValidationError(message, code="invalid_photo")


def clean_photo(upload) -> tuple[bytes, str]:
    """The photo re-encoded upright without metadata, and its extension; ValidationError else."""
    if upload.size == 0:
        _refuse(_("Le fichier « %(name)s » est vide.") % {"name": upload.name})
    if upload.size > settings.LOT_PHOTO_MAX_BYTES:
        _refuse(
            _("« %(name)s » dépasse 10 Mo : envoyez une photo plus légère.") % {"name": upload.name}
        )
    upload.seek(0)
    try:
        # A warning past Pillow's own pixel limit is a refusal here, not a log line.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in _OUTPUT:
                _refuse(
                    _("« %(name)s » n'est pas une photo JPEG, PNG, WebP ou HEIC.")
                    % {"name": upload.name}
                )
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(
            _("« %(name)s » est trop grande (plus de 48 millions de pixels).")
            % {"name": upload.name}
        )
    except UnidentifiedImageError:
        _refuse(_("« %(name)s » n'est pas une image lisible.") % {"name": upload.name})
    except (OSError, SyntaxError, ValueError):  # truncated or corrupt data
        _refuse(_("« %(name)s » est abîmée ou incomplète.") % {"name": upload.name})
    pillow_format, extension = _OUTPUT[image.format]
    if pillow_format == "JPEG" and upright.mode != "RGB":
        upright = upright.convert("RGB")
    buffer = io.BytesIO()
    options = {"quality": 85} if pillow_format in ("JPEG", "WEBP") else {}
    upright.save(buffer, pillow_format, **options, **_kept_metadata(image, upright))
    return buffer.getvalue(), extension


def _kept_metadata(image: Image.Image, upright: Image.Image) -> dict:
    """The colour profile (and a palette's transparency) only, as explicit save options.

    Pillow's encoders copy what the opened file's ``info`` holds: a JPEG comment (where a
    ``<?php … ?>`` payload hides), EXIF with its GPS position, XMP, PNG text chunks (IPTC
    travels in one). Emptying ``info`` before saving leaves nothing for them to copy.
    """
    kept = {"icc_profile": image.info.get("icc_profile")}
    if "transparency" in upright.info:
        kept["transparency"] = upright.info["transparency"]
    upright.info = {}
    upright.getexif().clear()  # exif_transpose may leave the parsed EXIF on the copy
    return {key: value for key, value in kept.items() if value is not None}


def store_photo(content: bytes, extension: str, *, title: str, user=None, collection=None):
    """A Wagtail image under a random file name (the phone's name can say who took it)."""
    image = get_image_model()(
        title=title[:255],
        file=ImageFile(io.BytesIO(content), name=f"{secrets.token_hex(16)}.{extension}"),
        uploaded_by_user=user,
        collection=collection or lot_photo_collection(),
    )
    image._set_image_file_metadata()
    image.save()
    return image


# Every size a lot photo is shown at: the card (and its search result), the lot page, the
# photo opened large, the picture shared on social networks, the lot form's thumbnail.
LOT_PHOTO_RENDITIONS = (
    "fill-400x300",
    "max-800x600",
    "max-1600x1600",
    "fill-1200x630",
    "fill-120x90",
)


@task()
def prepare_renditions(image_ids: list[int]) -> None:
    """Make every size of the photos now, so that no visitor waits for one to be drawn."""
    for image in get_image_model().objects.filter(pk__in=image_ids):
        # One at a time: Wagtail's get_renditions() draws in threads and leaves a spooled
        # temporary file open.
        for spec in LOT_PHOTO_RENDITIONS:
            image.get_rendition(spec)
