"""Remove what load_demo made, and nothing else."""

from contextlib import suppress

from django.db.models import ProtectedError, Q
from wagtail.images import get_image_model
from wagtail.signal_handlers import disable_reference_index_auto_update

from annonces.models import Category, Lot, Organisation, Reservation

from .categories import flatten
from .lots import SLUG_PREFIX
from .organisations import SLUGS
from .photos import demo_collection
from .requesters import REQUESTING_SLUGS, demo_users


def delete_demo_data() -> dict[str, int]:
    """Delete the demo structures, people, reservations and lots, its images, unused categories."""
    organisations = Organisation.objects.filter(slug__in=SLUGS + REQUESTING_SLUGS)
    users = demo_users()
    # Reservations hold on to their lot, requester and structure (PROTECT), so they go first:
    # the demo's, and any that someone trying the site made on a demo lot, which cannot outlive it.
    reservations = Reservation.objects.filter(
        Q(requester__in=users)
        | Q(organisation__in=organisations)
        | Q(lot__organisation__in=organisations)
        | Q(lot__slug__startswith=SLUG_PREFIX)
    )
    deleted = {"réservations": reservations.delete()[1].get("annonces.Reservation", 0)}
    synthetic = Lot.objects.filter(organisation__in=organisations).exclude(
        slug__startswith=SLUG_PREFIX
    )
    # bulk_create never put synthetic lots in Wagtail's reference index: skipping its
    # clean-up, 2 ms a lot, makes deleting 100,000 of them minutes faster.
    with disable_reference_index_auto_update():
        lots = synthetic.delete()[1].get("annonces.Lot", 0)
    lots += Lot.objects.filter(slug__startswith=SLUG_PREFIX).delete()[1].get("annonces.Lot", 0)
    deleted["lots"] = lots
    deleted["structures"] = organisations.delete()[1].get("annonces.Organisation", 0)
    deleted["comptes"] = users.delete()[1].get(users.model._meta.label, 0)
    image_model = get_image_model()
    images = image_model.objects.filter(collection=demo_collection(create=False))
    deleted["images"] = images.delete()[1].get(image_model._meta.label, 0)
    deleted["catégories"] = 0
    for slug, *_ in reversed(list(flatten())):  # children before their parent
        # A category still holding lots that are not the demo's stays.
        with suppress(ProtectedError):
            deleted["catégories"] += Category.objects.filter(slug=slug).delete()[0]
    return deleted
