"""The admin's "Add" buttons in French with the right article, not Wagtail's "Ajouter un(e) lot"."""

from wagtail.snippets.views.snippets import IndexView


def index_adding(label) -> type[IndexView]:
    """A snippet index view whose add button reads `label` ("Ajouter un lot")."""
    return type("IndexView", (IndexView,), {"add_item_label": label})
