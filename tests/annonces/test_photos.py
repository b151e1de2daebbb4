"""Photos are checked by their content, turned upright and stored without EXIF or GPS."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from annonces.lots.photos import clean_photo, store_photo
from tests.factories import PHP_AS_JPEG, huge_png, image_bytes, jpeg_with_gps


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def reopen(content: bytes) -> Image.Image:
    import io

    return Image.open(io.BytesIO(content))


def test_gps_and_exif_are_stripped_from_a_phone_jpeg():
    assert 0x8825 in reopen(jpeg_with_gps()).getexif()  # the sample does carry a position

    content, extension = clean_photo(upload(jpeg_with_gps()))

    assert extension == "jpg"
    exif = reopen(content).getexif()
    assert 0x8825 not in exif and 0x010F not in exif


def test_exif_orientation_is_applied_before_stripping():
    content, _ = clean_photo(upload(jpeg_with_gps(width=64, height=48, orientation=6)))
    assert reopen(content).size == (48, 64)  # turned upright, the tag gone


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", "png"), ("WEBP", "webp"), ("JPEG", "jpg")])
def test_the_real_type_decides_whatever_the_name(fmt, extension):
    content, got = clean_photo(upload(image_bytes(fmt), name="trompeur.gif"))
    assert got == extension
    assert reopen(content).format == fmt


def test_heic_from_an_iphone_is_stored_as_jpeg():
    # The pinned pillow_heif wheel carries libheif with its x265 encoder: a HEIC can be made.
    content, extension = clean_photo(upload(image_bytes("HEIF"), name="IMG_0001.HEIC"))
    assert extension == "jpg"
    assert reopen(content).format == "JPEG"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (PHP_AS_JPEG, "n'est pas une image lisible"),
        (b"", "est vide"),
        (jpeg_with_gps()[:200], "abîmée ou incomplète"),
        (image_bytes("GIF"), "n'est pas une photo JPEG, PNG, WebP ou HEIC"),
        (image_bytes("BMP"), "n'est pas une photo JPEG, PNG, WebP ou HEIC"),
    ],
    ids=["php-renamed-jpg", "zero-byte", "truncated-jpeg", "gif", "bmp"],
)
def test_files_that_are_not_usable_photos_are_refused_in_french(content, message):
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload(content, name="photo.jpg"))
    assert message in refused.value.messages[0]


def test_a_decompression_bomb_is_refused():
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload(huge_png(), name="bombe.png", content_type="image/png"))
    assert "trop grande" in refused.value.messages[0]


def test_a_photo_over_10_mb_is_refused_before_being_read(settings):
    settings.LOT_PHOTO_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload(jpeg_with_gps(width=400, height=300)))
    assert "10 Mo" in refused.value.messages[0]


@pytest.mark.django_db
def test_stored_photo_is_a_wagtail_image_under_a_random_name():
    content, extension = clean_photo(upload(jpeg_with_gps(), name="Jean-Dupont-chez-lui.jpg"))
    image = store_photo(content, extension, title="Portes")
    assert "Dupont" not in image.file.name
    assert image.file.name.endswith(".jpg") and image.width == 64
    with Image.open(image.file.path) as stored:
        assert 0x8825 not in stored.getexif()
