"""Factories for the marketplace's objects, valid by default."""

import io
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from annonces.choices import LotStatus, OrganisationKind
from annonces.models import Category, Lot, LotPhoto, Organisation


def png_bytes(width: int = 40, height: int = 30, colour: str = "seagreen") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.LazyFunction(lambda: ImageFile(io.BytesIO(png_bytes()), name="photo.png"))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Ressourcerie {n}")
    kind = OrganisationKind.RESSOURCERIE
    address = "12 rue Jean Jaurès"
    postcode = "94400"
    city = "Vitry-sur-Seine"
    latitude = 48.7875
    longitude = 2.3928
    is_network_member = True


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")


class LotFactory(factory.django.DjangoModelFactory):
    """A published lot, visible to the public, placed at its organisation's address."""

    class Meta:
        model = Lot

    organisation = factory.SubFactory(OrganisationFactory)
    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Lot de planches de chêne n°{n}")
    description = "Planches de chêne massif, démontées d'un parquet, prêtes à reprendre du service."
    quantity = 20
    unit = "piece"
    weight_kg = Decimal("60.0")
    status = LotStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    address = factory.SelfAttribute("organisation.address")
    postcode = factory.SelfAttribute("organisation.postcode")
    city = factory.SelfAttribute("organisation.city")
    latitude = factory.SelfAttribute("organisation.latitude")
    longitude = factory.SelfAttribute("organisation.longitude")


class LotPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LotPhoto

    lot = factory.SubFactory(LotFactory)
    image = factory.SubFactory(ImageFactory)
    alt_text = "Planches empilées"
