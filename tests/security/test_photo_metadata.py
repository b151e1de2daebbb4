"""An uploaded photo keeps its pixels and colour profile, and no metadata block at all.

Each kind of block (comment, EXIF, XMP, IPTC) is written into each accepted format the way
cameras and editing tools do, carrying a PHP payload; none of it may reach the stored file.
"""

import io
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from annonces.lots.photos import clean_photo

PAYLOAD = b"<?php system($_GET['c']); ?>"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description>' + PAYLOAD + b"</rdf:Description></rdf:RDF>"
    b"</x:xmpmeta>"
)
# An IPTC-IIM caption (record 2, dataset 120) as Photoshop stores it in its 8BIM resource.
IPTC = b"\x1c\x02\x78" + struct.pack(">H", len(PAYLOAD)) + PAYLOAD
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def exif() -> Image.Exif:
    data = Image.Exif()
    data[0x010E] = PAYLOAD.decode()  # ImageDescription
    data[0x010F] = "PhoneMaker"
    return data


def picture() -> Image.Image:
    return Image.new("RGB", (32, 24), "tan")


def jpeg_segment(marker: int, body: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(body) + 2) + body


def jpeg_with(*segments: bytes, **options) -> bytes:
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", icc_profile=SRGB, **options)
    data = buffer.getvalue()
    return data[:2] + b"".join(segments) + data[2:]  # right after SOI, as cameras write them


def jpeg(kind: str) -> bytes:
    if kind == "comment":
        return jpeg_with(jpeg_segment(0xFE, PAYLOAD))
    if kind == "exif":
        return jpeg_with(exif=exif())
    if kind == "xmp":
        return jpeg_with(jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP))
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(IPTC)) + IPTC
    return jpeg_with(jpeg_segment(0xED, b"Photoshop 3.0\x00" + resource))


def png(kind: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    options = {}
    if kind == "comment":
        info.add_text("Comment", PAYLOAD.decode())
    elif kind == "exif":
        options["exif"] = exif()
    elif kind == "xmp":
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    else:  # ImageMagick and exiftool keep IPTC in a "Raw profile type iptc" text chunk
        info.add_text("Raw profile type iptc", IPTC.hex(), zip=True)
    buffer = io.BytesIO()
    picture().save(buffer, "PNG", pnginfo=info, icc_profile=SRGB, **options)
    return buffer.getvalue()


def riff_chunk(tag: bytes, body: bytes) -> bytes:
    return tag + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) % 2 else b"")


def webp(kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind in ("exif", "xmp"):
        options = {"exif": exif()} if kind == "exif" else {"xmp": XMP}
        picture().save(buffer, "WEBP", icc_profile=SRGB, **options)
        return buffer.getvalue()
    # WebP has no comment or IPTC chunk of its own: tools add chunks the decoder skips.
    picture().save(buffer, "WEBP", icc_profile=SRGB, exif=b"Exif\x00\x00")
    data = buffer.getvalue()
    extra = riff_chunk(
        b"COMM" if kind == "comment" else b"IPTC", PAYLOAD if kind == "comment" else IPTC
    )
    body = data[8:] + extra
    return b"RIFF" + struct.pack("<I", len(body)) + body


def heic(kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind == "exif":
        picture().save(buffer, "HEIF", exif=exif().tobytes(), icc_profile=SRGB)
    elif kind == "xmp":
        picture().save(buffer, "HEIF", xmp=XMP, icc_profile=SRGB)
    else:  # HEIC has no comment segment: its free-form "mime" metadata items carry such text
        picture().save(
            buffer, "HEIF", xmp=XMP + (PAYLOAD if kind == "comment" else IPTC), icc_profile=SRGB
        )
    return buffer.getvalue()


BUILDERS = {"JPEG": jpeg, "PNG": png, "WEBP": webp, "HEIF": heic}
KINDS = ["comment", "exif", "xmp", "iptc"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", list(BUILDERS))
def test_no_metadata_block_survives_but_the_colour_profile(fmt, kind):
    original = BUILDERS[fmt](kind)
    assert PAYLOAD in original or IPTC.hex().encode() not in original  # the sample carries it
    content, _ = clean_photo(SimpleUploadedFile(f"photo.{fmt.lower()}", original))

    assert PAYLOAD not in content
    assert b"<?php" not in content
    stored = Image.open(io.BytesIO(content))
    stored.load()
    assert not stored.getexif()
    assert not {"comment", "exif", "xmp", "XML:com.adobe.xmp", "photoshop"} & set(stored.info)
    assert not any(key.startswith("Raw profile") for key in stored.info)
    assert stored.info.get("icc_profile") == SRGB  # colours shown as taken
    assert stored.size == (32, 24)


@pytest.mark.parametrize("fmt", list(BUILDERS))
@pytest.mark.parametrize("kind", KINDS)
def test_each_sample_really_carries_its_block(fmt, kind):
    original = BUILDERS[fmt](kind)
    if fmt == "PNG" and kind == "iptc":
        assert b"Raw profile type iptc" in original
    else:
        assert PAYLOAD in original
