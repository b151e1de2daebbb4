"""A lot's photo, once removed, leaves nothing behind: neither its image nor its files."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.images import get_image_model

from ..models import LotPhoto


@receiver(post_delete, sender=LotPhoto, dispatch_uid="annonces_lot_photo_image_cleanup")
def delete_the_image_no_lot_shows(sender, instance: LotPhoto, **kwargs) -> None:
    """Delete the Wagtail image when no other lot shows it (a duplicated lot shares them).

    Removing only the LotPhoto row left the original and its renditions on disk, still
    served at their address. Deleting the image row here, inside the caller's transaction,
    lets Wagtail's own post_delete handlers remove the original and each rendition's file
    once that transaction commits: a rolled-back deletion keeps its files.
    """
    if LotPhoto.objects.filter(image_id=instance.image_id).exists():
        return
    image = get_image_model().objects.filter(pk=instance.image_id).first()
    if image is not None:
        image.delete()
