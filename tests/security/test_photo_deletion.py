"""A deleted photo's original and renditions leave storage once the deletion commits."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from annonces.lots import services
from annonces.lots.photos import clean_photo, store_photo
from annonces.models import LotPhoto
from tests.factories import LotFactory, MembershipFactory, image_bytes

pytestmark = [
    pytest.mark.django_db,
    # Wagtail's rendition code leaves its temporary file to the garbage collector (as in
    # pyproject's filter and the browser journey that posts photos).
    pytest.mark.filterwarnings("ignore:Exception ignored in. <_io.FileIO"),
    pytest.mark.filterwarnings("ignore:unclosed file <_io.BufferedRandom:ResourceWarning"),
]


def served(name: str) -> int:
    """What `make run`'s media serving (django.views.static.serve) answers for the file."""
    request = RequestFactory().get(settings.MEDIA_URL + name)
    try:
        response = serve(request, name, document_root=settings.MEDIA_ROOT)
    except Http404:
        return 404
    # Close the file it opened, not the response: closing a response sends request_finished,
    # which would close the test's database connection in the middle of its transaction.
    response.file_to_stream.close()
    return response.status_code


@pytest.fixture
def photographed():
    membership = MembershipFactory(role="admin")
    lot = LotFactory(organisation=membership.organisation)
    content, extension = clean_photo(SimpleUploadedFile("p.jpg", image_bytes("JPEG")))
    image = store_photo(content, extension, title=lot.title)
    photo = LotPhoto.objects.create(lot=lot, image=image, sort_order=0)
    rendition = image.get_rendition("fill-20x20")
    return membership.user, photo, [image.file.name, rendition.file.name]


def test_deleting_a_photo_removes_its_files_after_commit(
    client, photographed, django_capture_on_commit_callbacks
):
    user, photo, files = photographed
    assert [served(name) for name in files] == [200, 200]
    client.force_login(user)
    url = reverse("annonces:photo_delete", args=[photo.lot.slug, photo.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url)
        # Not yet committed: the files are still there, in case the deletion rolls back.
        assert [served(name) for name in files] == [200, 200]
    for callback in callbacks:
        callback()
    assert [served(name) for name in files] == [404, 404]
    assert not get_image_model().objects.filter(pk=photo.image_id).exists()
    assert not Rendition.objects.filter(image_id=photo.image_id).exists()


def test_a_photo_shared_with_a_duplicated_lot_stays_for_the_copy(
    photographed, django_capture_on_commit_callbacks
):
    user, photo, files = photographed
    copy = services.duplicate_lot(photo.lot, user)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_photo(photo, user)
    assert copy.photos.get().image_id == photo.image_id
    assert [served(name) for name in files] == [200, 200]


def test_deleting_a_lot_removes_its_photos_files(photographed, django_capture_on_commit_callbacks):
    _, photo, files = photographed
    with django_capture_on_commit_callbacks(execute=True):
        photo.lot.delete()
    assert [served(name) for name in files] == [404, 404]
