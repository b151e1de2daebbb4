"""Categories are offered as the tree reads, children indented under their parent."""

import re

import pytest
from django.urls import reverse

from annonces.category_choices import INDENT, CategoryChoiceField, tree_order
from search.forms import LotSearchForm
from tests.factories import CategoryFactory, LotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    # Created out of order, on purpose: the list must not follow creation or the alphabet.
    building = CategoryFactory(name="Matériaux", slug="materiaux", position=1)
    furniture = CategoryFactory(name="Mobilier", slug="mobilier", position=2)
    chairs = CategoryFactory(name="Chaises", slug="chaises", parent=furniture)
    doors = CategoryFactory(name="Portes", slug="portes", parent=building, position=2)
    wood = CategoryFactory(name="Bois", slug="bois", parent=building, position=1)
    CategoryFactory(name="Poutres", slug="poutres", parent=wood)
    return {"chaises": chairs, "portes": doors, "bois": wood}


EXPECTED = [
    "Matériaux",
    f"{INDENT}Bois",
    f"{INDENT * 2}Poutres",
    f"{INDENT}Portes",
    "Mobilier",
    f"{INDENT}Chaises",
]


def test_tree_order_puts_each_parent_before_its_children(tree):
    from annonces.models import Category

    ordered = [(c.name, depth) for c, depth in tree_order(Category.objects.all())]
    assert ordered == [
        ("Matériaux", 0),
        ("Bois", 1),
        ("Poutres", 2),
        ("Portes", 1),
        ("Mobilier", 0),
        ("Chaises", 1),
    ]


def test_the_shared_field_lists_the_tree_indented(tree):
    field = CategoryChoiceField(empty_label="Choisissez une catégorie")
    assert [label for _, label in field.choices] == ["Choisissez une catégorie", *EXPECTED]
    assert len(field.choices) == 7


def test_the_search_form_and_its_filter_list_the_tree(client, tree):
    field = LotSearchForm().fields["categorie"]
    assert [label for _, label in field.choices][1:] == EXPECTED
    for slug in ("chaises", "portes", "bois"):
        LotFactory(category=tree[slug])
    html = client.get(reverse("search:lots")).content.decode()
    options = re.findall(r'<option value="[a-z]+">([^<]+) \(\d+\)</option>', html)
    # The filter offers what holds lots: Poutres has none.
    assert options == [label for label in EXPECTED if "Poutres" not in label]


def test_another_category_can_still_be_chosen_once_one_is_picked(client, tree):
    LotFactory(category=tree["chaises"])
    LotFactory(category=tree["portes"])
    html = client.get(reverse("search:lots"), {"categorie": "chaises"}).content.decode()
    assert "1 lot trouvé" in html
    assert re.search(r'<option value="portes">[^<]*Portes \(1\)</option>', html)
