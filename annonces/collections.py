"""Wagtail collections that keep the marketplace's images apart from the editorial ones.

News editors hold image rights on the editorial collection only (migration 0008), so they can
neither replace nor delete a lot's photo or a structure's logo."""

from wagtail.models import Collection

LOT_PHOTOS = "Photos des lots et logos"
EDITORIAL = "Éditorial"
CONVERSATION_PHOTOS = "Photos des conversations"
NETWORK_GROUP = "Animation du réseau"


def _child_of_root(name: str) -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    return collection or root.add_child(name=name)


def lot_photo_collection() -> Collection:
    """Where lot photos and structure logos are stored."""
    return _child_of_root(LOT_PHOTOS)


def editorial_collection() -> Collection:
    """Where the news editors' images and documents go."""
    return _child_of_root(EDITORIAL)


def conversation_photo_collection() -> Collection:
    """Photos sent in private messages: apart from the lots', out of the editors' reach."""
    return _child_of_root(CONVERSATION_PHOTOS)
