"""Pictures for lots and logos for organisations, drawn with Pillow, stored as Wagtail images.

Lots share their pictures: one per (category, drawing, view) is drawn once and kept in
a collection of its own, so loading the demo twice draws nothing the second time and
`--reset` knows what to delete.
"""

import hashlib
import io
import unicodedata
import zlib

from django.core.files import File
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont, ImageOps
from wagtail.images import get_image_model
from wagtail.models import Collection

from ..collections import lot_photo_collection
from .drawings import PICTURES

COLLECTION_NAME = "Données de démonstration"
SIZE, CAPTION_TOP = (800, 600), 500
ACCENTS = ("#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457")
BACKGROUNDS = ("#eef3f7", "#f6f1e7", "#eef5ec")
# Fonts Debian installs with most desktops and Chromium; Pillow finds them by file name.
SYSTEM_FONTS = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")


def _font(size: int) -> tuple[ImageFont.FreeTypeFont, bool]:
    """A bold system font, or Pillow's own (which has no accents) and False."""
    for name in SYSTEM_FONTS:
        try:
            return ImageFont.truetype(name, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


(CAPTION_FONT, HAS_ACCENTS), (LOGO_FONT, _) = _font(36), _font(160)


def demo_collection(create: bool = True) -> Collection | None:
    # Under the lot photos' collection: animators moderate them, news editors cannot touch them.
    root = lot_photo_collection()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    if collection is None and create:
        collection = root.add_child(name=COLLECTION_NAME)
    return collection


def draw_photo(picture: str, caption: str, view: int) -> bytes:
    """A JPEG of the drawing with a caption band; each view has its own colours and framing."""
    key = zlib.crc32(f"{picture}:{caption}".encode())  # stable, unlike hash()
    canvas = Image.new("RGB", (SIZE[0], CAPTION_TOP), BACKGROUNDS[view % len(BACKGROUNDS)])
    PICTURES[picture](ImageDraw.Draw(canvas), ACCENTS[(key + view) % len(ACCENTS)])
    if view % 3 == 1:
        canvas = ImageOps.mirror(canvas)
    elif view % 3 == 2:  # a closer look
        canvas = canvas.crop((120, 75, 680, 425)).resize(canvas.size)
    photo = Image.new("RGB", SIZE, "white")
    photo.paste(canvas)
    draw = ImageDraw.Draw(photo)
    draw.text(
        (SIZE[0] // 2, 550),
        _fit(draw, caption, 760),
        fill="#263238",
        font=CAPTION_FONT,
        anchor="mm",
    )
    return _encode(photo, "JPEG", quality=82)


def draw_logo(initials: str, colour: str) -> bytes:
    """Initials on a coloured disc, transparent around it."""
    logo = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.ellipse((8, 8, 392, 392), fill=colour)
    draw.text((200, 205), initials, fill="white", font=LOGO_FONT, anchor="mm")
    return _encode(logo, "PNG")


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int) -> str:
    if not HAS_ACCENTS:  # "Étagère" would show boxes: write "Etagere"
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    while draw.textlength(text, font=CAPTION_FONT) > width and len(text) > 4:
        text = text[:-2].rstrip() + "…"
    return text


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


class ImageBank:
    """The demo collection's images by title; draws and stores those still missing."""

    def __init__(self):
        self.collection = demo_collection()
        self.model = get_image_model()
        self.images = {i.title: i for i in self.model.objects.filter(collection=self.collection)}
        self.drawn = 0

    def get(self, title: str, filename: str, draw):
        image = self.images.get(title)
        if image is None:
            data = draw()
            image = self.model(
                title=title,
                collection=self.collection,
                file=File(io.BytesIO(data), name=filename),
                # Set here rather than read back from storage: Wagtail uses them to spot duplicates.
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),
            )
            image.save()
            self.images[title] = image
            self.drawn += 1
        return image

    def photo(self, category_name: str, picture: str, view: int):
        title = f"Démo · {category_name} · {picture} {view + 1}"
        filename = f"demo-{slugify(category_name)}-{picture}-{view + 1}.jpg"
        return self.get(title, filename, lambda: draw_photo(picture, category_name, view))

    def logo(self, name: str, initials: str, colour: str):
        return self.get(
            f"Logo · {name}", f"logo-{initials.lower()}.png", lambda: draw_logo(initials, colour)
        )
