"""Factories for the marketplace's objects, valid by default."""

import functools
import io
from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from annonces.choices import LotStatus, MembershipRole, OrganisationKind
from annonces.models import Category, Lot, LotPhoto, Membership, Organisation, Reservation


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
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Ressourcerie {n}")
    kind = OrganisationKind.RESSOURCERIE
    address = "12 rue Jean Jaurès"
    postcode = "94400"
    city = "Vitry-sur-Seine"
    latitude = 48.7875
    longitude = 2.3928
    is_network_member = True
    validated_at = factory.LazyFunction(timezone.now)  # only validated structures show lots
    # Open round the clock with room to spare, so any test's pickup time is a free slot; the
    # pickup tests give their own hours (hours=[(weekday, "11:00", "19:00"), …] or hours=[]).
    slot_capacity = 100
    open_on_public_holidays = True

    @factory.post_generation
    def hours(organisation, create, extracted, **kwargs):
        if not create:
            return
        from annonces.models import OpeningRange

        ranges = [(day, "00:00", "00:00") for day in range(7)] if extracted is None else extracted
        OpeningRange.objects.bulk_create(
            OpeningRange(organisation=organisation, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in ranges
        )


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


class VerifiedUserFactory(UserFactory):
    """A user who confirmed their e-mail address with allauth (password: "motdepasse-sur")."""

    class Meta:
        skip_postgeneration_save = True

    password = factory.django.Password("motdepasse-sur")

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    """A verified user in a validated organisation, staff unless told otherwise."""

    class Meta:
        model = Membership

    user = factory.SubFactory(VerifiedUserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.STAFF


class ReservationFactory(factory.django.DjangoModelFactory):
    """A pending request for 5 units of a published lot, by a verified user, pickup in 3 days.

    Built straight in the database (no history, no e-mail): use annonces.reservations.services to
    test the flow itself.
    """

    class Meta:
        model = Reservation

    lot = factory.SubFactory(LotFactory)
    requester = factory.SubFactory(VerifiedUserFactory)
    quantity = 5
    message = "Pour un chantier d'insertion à Ivry."
    pickup_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))


# --- Photos as phones make them, and files that pretend to be photos ---------------------


def jpeg_with_gps(width=64, height=48, colour="tan", orientation=None) -> bytes:
    """A JPEG carrying a GPS position (and optionally an EXIF orientation), like a phone's."""
    image = PILImage.new("RGB", (width, height), colour)
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (48.0, 47.0, 15.0)
    gps[3], gps[4] = "E", (2.0, 23.0, 34.0)
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def image_bytes(fmt="PNG", size=(40, 30), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, "seagreen").save(buffer, fmt)
    return buffer.getvalue()


@functools.cache
def huge_png(side=20_000) -> bytes:
    """A 20,000 × 20,000 PNG of a few tens of kilobytes: a decompression bomb."""
    buffer = io.BytesIO()
    PILImage.new("1", (side, side)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


PHP_AS_JPEG = b"<?php system($_GET['c']); ?>\n"


def _in_group(name):
    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            user.groups.add(Group.objects.get(name=name))

    return groups


class NetworkAnimatorFactory(VerifiedUserFactory):
    """A member of the group "Animation du réseau" (created by annonces' migration 0008)."""

    groups = _in_group("Animation du réseau")


class NewsEditorFactory(VerifiedUserFactory):
    """A member of Wagtail's default Editors group: writes the news, animates nothing."""

    groups = _in_group("Rédacteurs")


def lot_form_data(organisation, category, /, **overrides) -> dict:
    """What the lot form posts for a valid lot at the organisation's own address (overrides
    may replace any field, the organisation and category included)."""
    data = {
        "organisation": organisation.pk,
        "title": "Portes isoplanes 83 cm",
        "description": "Six portes démontées d'un bureau.",
        "category": category.pk,
        "quantity": "6",
        "unit": "piece",
        "weight_kg": "90",
        "condition": "good",
        "price_kind": "free",
        "price": "",
        "audience": "everyone",
        "available_from": timezone.localdate().isoformat(),
        "available_until": "",
        "pickup": "own",
        "address": "",
        "postcode": "",
        "city": "",
        "publish": "1",
    }
    data.update(overrides)
    return data
