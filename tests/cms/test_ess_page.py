"""ESS promotion pages and their blocks."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.rich_text import RichText

from annonces.choices import LotStatus
from cms.blocks import CallToActionBlock
from reemploi.typography import typo
from tests.cms import pages
from tests.factories import CategoryFactory, ImageFactory, LotFactory

pytestmark = pytest.mark.django_db


def test_every_block_renders(client):
    wood = CategoryFactory(name="Bois")
    doors = CategoryFactory(name="Portes", parent=wood)
    LotFactory(title="Portes isoplanes", category=doors)
    LotFactory(title="Carrelage", category=CategoryFactory(name="Carrelage"))
    LotFactory(title="Planches retirées", category=wood, status=LotStatus.WITHDRAWN)
    picture = ImageFactory(title="Atelier")
    picture.contextual_alt_text, picture.decorative = "Établis d'un atelier", False
    directory = pages.directory()
    page = pages.ess_page(
        body=[
            ("heading", "Entreprendre autrement"),
            ("paragraph", RichText("<p>Des <b>coopératives</b> et des associations.</p>")),
            ("image", {"image": picture, "caption": "L'atelier de réparation"}),
            ("quote", {"text": "Rien ne se perd.", "attribution": "Une valoriste"}),
            (
                "call_to_action",
                {
                    "title": "Trouver une structure",
                    "text": "",
                    "button_label": "Voir l'annuaire",
                    "page": directory,
                    "url": "",
                },
            ),
            (
                "key_figures",
                {"title": "En chiffres", "figures": [{"figure": "10", "label": "ressourceries"}]},
            ),
            ("latest_lots", {"title": "", "category": wood, "count": 4}),
        ]
    )
    html = client.get(page.url).content.decode()
    assert "<h2>Entreprendre autrement</h2>" in html
    assert "<b>coopératives</b>" in html
    assert 'alt="Établis d&#x27;un atelier"' in html
    assert "<figcaption>L&#x27;atelier de réparation</figcaption>" in html
    assert "Rien ne se perd." in html
    assert f'<a class="button" href="{directory.url}">Voir l&#x27;annuaire</a>' in html
    assert "<dd>10</dd>" in html
    # The lots block reads the category and its sub-categories, public lots only.
    assert typo("Derniers lots : Bois") in html
    assert "Portes isoplanes" in html
    assert "Carrelage" not in html
    assert "Planches retirées" not in html


@pytest.mark.parametrize(
    ("page", "url"), [(False, ""), (True, "https://example.org")], ids=["neither", "both"]
)
def test_a_call_to_action_needs_exactly_one_target(page, url):
    block = CallToActionBlock()
    value = block.to_python(
        {
            "title": "Agir",
            "text": "",
            "button_label": "Go",
            "page": pages.home().pk if page else None,
            "url": url,
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_an_ess_page_lists_its_child_pages(client):
    parent = pages.ess_page()
    pages.ess_page(parent, "Les SCOP", intro="Des salariés associés.")
    html = client.get(parent.url).content.decode()
    assert "Pour aller plus loin" in html
    assert "Les SCOP</a> — Des salariés associés." in html
