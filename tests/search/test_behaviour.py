"""The lot search's promises, kept by every backend on the real services."""

from datetime import timedelta

import pytest
from django.utils import timezone
from geopy.distance import geodesic

from annonces.choices import Audience, Condition, LotStatus, PriceKind
from reemploi.geo import Point
from search.facets import facet_counts
from search.query import LotQuery, Sort
from tests.factories import CategoryFactory, LotFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

VITRY = Point(48.7875, 2.3928)


def at(km: float, bearing: float = 90, origin: Point = VITRY) -> dict:
    """Latitude and longitude `km` away from the origin, on the given bearing."""
    destination = geodesic(kilometers=km).destination((origin.lat, origin.lon), bearing)
    return {"latitude": destination.latitude, "longitude": destination.longitude}


def titles(engine, **criteria) -> list[str]:
    return [engine.title(hit.lot_id) for hit in engine.search(LotQuery(**criteria)).hits]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("etagere", "Étagère métallique"),
        ("chaises", "Chaise de bureau"),
        ("ÉTAGÈRES", "Étagère métallique"),
        ("portes isoplanes", "Lot de portes isoplanes"),
    ],
)
def test_text_matches_whatever_the_accents_case_and_plural(engine, typed, stored):
    LotFactory(title=stored)
    LotFactory(title="Carrelage grès cérame")
    assert titles(engine, text=typed) == [stored]


def test_text_found_in_the_description_too(engine):
    LotFactory(title="Lot de bois", description="Des palettes Europe en bon état")
    assert titles(engine, text="palettes") == ["Lot de bois"]


def test_a_title_match_ranks_above_a_description_match(engine):
    LotFactory(title="Lot divers", description="Contient une table basse")
    LotFactory(title="Table en chêne", description="Belle pièce")
    assert titles(engine, text="table") == ["Table en chêne", "Lot divers"]


def test_radius_is_exact_at_its_edge(engine):
    LotFactory(title="À 4,9 km", **at(4.9))
    LotFactory(title="À 5,1 km", **at(5.1, bearing=270))
    assert titles(engine, centre=VITRY, radius_km=5) == ["À 4,9 km"]


def test_distance_order_is_exact_and_distances_are_given(engine):
    for km, bearing in [(3.0, 0), (0.5, 180), (1.75, 45), (2.2, 300)]:
        LotFactory(title=f"{km} km", **at(km, bearing))
    results = engine.search(LotQuery(centre=VITRY, radius_km=10, sort=Sort.DISTANCE))
    assert [engine.title(h.lot_id) for h in results.hits] == [
        "0.5 km",
        "1.75 km",
        "2.2 km",
        "3.0 km",
    ]
    assert [round(h.distance_km, 2) for h in results.hits] == [0.5, 1.75, 2.2, 3.0]


def test_nearest_first_pages_are_the_same_whether_found_near_the_centre_or_not(engine):
    # 16 km: the page is first sought within 1 km (a sixteenth), then in the whole circle.
    for km, bearing in [(0.9, 10), (0.2, 100), (15.5, 200), (1.1, 300), (0.5, 250)]:
        LotFactory(title=f"{km} km", **at(km, bearing))
    pages = [
        engine.search(
            LotQuery(centre=VITRY, radius_km=16, sort=Sort.DISTANCE, page=page, per_page=2)
        )
        for page in (1, 2, 3)
    ]
    assert [[engine.title(hit.lot_id) for hit in page.hits] for page in pages] == [
        ["0.2 km", "0.5 km"],
        ["0.9 km", "1.1 km"],
        ["15.5 km"],
    ]
    assert {page.total for page in pages} == {5}
    assert pages[0].facets["price_kind"] == {PriceKind.FREE: 5}


def test_newest_first_when_sorted_by_date(engine):
    now = timezone.now()
    LotFactory(title="Ancien", published_at=now - timedelta(days=5))
    LotFactory(title="Récent", published_at=now)
    assert titles(engine, sort=Sort.DATE) == ["Récent", "Ancien"]


def test_facet_counts_match_the_results(engine):
    building = CategoryFactory(name="Matériaux")
    wood = CategoryFactory(name="Bois", parent=building)
    furniture = CategoryFactory(name="Mobilier")
    LotFactory.create_batch(3, category=wood, condition=Condition.GOOD)
    LotFactory(category=building, condition=Condition.NEW)
    LotFactory(category=furniture, condition=Condition.GOOD, price_kind=PriceKind.PRICE, price=5)
    results = engine.search(LotQuery())
    assert results.total == 5
    assert results.facets["category"] == {
        str(building.pk): 4,
        str(wood.pk): 3,
        str(furniture.pk): 1,
    }
    assert results.facets["condition"] == {Condition.GOOD: 4, Condition.NEW: 1}
    assert results.facets["price_kind"] == {PriceKind.FREE: 4, PriceKind.PRICE: 1}


def test_each_filter_group_is_counted_without_its_own_filter(engine):
    building = CategoryFactory(name="Matériaux")
    wood = CategoryFactory(name="Bois", parent=building)
    furniture = CategoryFactory(name="Mobilier")
    LotFactory.create_batch(2, category=wood, condition=Condition.AS_NEW)
    LotFactory.create_batch(3, category=wood, condition=Condition.GOOD)
    LotFactory(category=furniture, condition=Condition.AS_NEW)
    query = LotQuery(category_ids=tuple(wood.with_descendants()), conditions=(Condition.AS_NEW,))
    results = engine.search(query)
    counts = facet_counts(results)
    assert results.total == 2
    # Ticking "Comme neuf" leaves the other conditions' counts (in the chosen category)…
    assert counts["condition"] == {Condition.AS_NEW: 2, Condition.GOOD: 3}
    # …and choosing a category leaves the others' (among the "Comme neuf" lots).
    assert counts["category"] == {str(building.pk): 2, str(wood.pk): 2, str(furniture.pk): 1}
    assert counts["price_kind"] == results.facets["price_kind"] == {PriceKind.FREE: 2}


def test_two_filter_groups_are_counted_in_the_search_itself_as_by_searches_without_each(
    engine,
):
    building = CategoryFactory(name="Matériaux")
    wood = CategoryFactory(name="Bois", parent=building)
    furniture = CategoryFactory(name="Mobilier")
    ressourcerie = OrganisationFactory()
    for km, category, condition, price in [
        (1, wood, Condition.AS_NEW, PriceKind.FREE),
        (2, wood, Condition.AS_NEW, PriceKind.PRICE),
        (3, wood, Condition.GOOD, PriceKind.FREE),
        (4, building, Condition.AS_NEW, PriceKind.FREE),
        (5, furniture, Condition.AS_NEW, PriceKind.FREE),
        (6, furniture, Condition.USED, PriceKind.FREE),
        (12, wood, Condition.AS_NEW, PriceKind.FREE),  # beyond the radius: counted nowhere
    ]:
        LotFactory(
            category=category,
            condition=condition,
            price_kind=price,
            price=5 if price == PriceKind.PRICE else None,
            organisation=ressourcerie,
            **at(km),
        )
    wanted = {"centre": VITRY, "radius_km": 10, "sort": Sort.DISTANCE, "per_page": 2}
    query = LotQuery(category_ids=tuple(wood.with_descendants()), conditions=(Condition.AS_NEW,))
    query = LotQuery(**{**query.__dict__, **wanted})
    results = engine.search(query)
    assert results.total == 2
    assert [round(hit.distance_km) for hit in results.hits] == [1, 2]
    # What a search without each filter would count, in one search.
    without_category = engine.search(LotQuery(conditions=(Condition.AS_NEW,), **wanted))
    without_condition = engine.search(LotQuery(category_ids=query.category_ids, **wanted))
    assert results.facets["category"] == without_category.facets["category"]
    assert results.facets["category"] == {
        str(building.pk): 3,
        str(wood.pk): 2,
        str(furniture.pk): 1,
    }
    assert results.facets["condition"] == without_condition.facets["condition"]
    assert results.facets["condition"] == {Condition.AS_NEW: 2, Condition.GOOD: 1}
    assert results.facets["price_kind"] == {PriceKind.FREE: 1, PriceKind.PRICE: 1}
    assert results.facets["organisation"] == {str(ressourcerie.pk): 2}


def test_filters_combine(engine):
    building = CategoryFactory()
    wood = CategoryFactory(parent=building)
    ressourcerie = OrganisationFactory()
    wanted = {"category": wood, "condition": Condition.GOOD, "organisation": ressourcerie}
    LotFactory(title="Le bon", **wanted, **at(1))
    LotFactory(title="Trop loin", **wanted, **at(8))
    LotFactory(title="Payant", **wanted, price_kind=PriceKind.QUOTE, **at(1))
    LotFactory(title="Abîmé", **{**wanted, "condition": Condition.FOR_PARTS}, **at(1))
    LotFactory(title="Autre catégorie", **{**wanted, "category": CategoryFactory()}, **at(1))
    LotFactory(
        title="Autre structure", **{**wanted, "organisation": OrganisationFactory()}, **at(1)
    )
    assert titles(
        engine,
        category_ids=tuple(building.with_descendants()),
        conditions=(Condition.GOOD, Condition.AS_NEW),
        free_only=True,
        organisation_id=ressourcerie.pk,
        centre=VITRY,
        radius_km=5,
    ) == ["Le bon"]


def test_pages_do_not_overlap_and_cover_every_result(engine):
    LotFactory.create_batch(7)
    pages = [engine.search(LotQuery(page=n, per_page=3)) for n in (1, 2, 3)]
    ids = [hit.lot_id for page in pages for hit in page.hits]
    assert [len(page.hits) for page in pages] == [3, 3, 1]
    assert len(set(ids)) == 7 and pages[0].total == 7 and pages[0].num_pages == 3


def test_withdrawn_draft_and_expired_lots_never_show(engine):
    yesterday = timezone.localdate() - timedelta(days=1)
    LotFactory(title="Chaise visible")
    LotFactory(title="Chaise retirée", status=LotStatus.WITHDRAWN)
    LotFactory(title="Chaise brouillon", status=LotStatus.DRAFT, published_at=None)
    LotFactory(
        title="Chaise expirée",
        available_from=yesterday - timedelta(days=3),
        available_until=yesterday,
    )
    assert titles(engine, text="chaise") == ["Chaise visible"]
    assert titles(engine) == ["Chaise visible"]


def test_professional_lots_only_for_members_of_an_organisation(engine):
    LotFactory(title="Pour tous")
    LotFactory(title="Pour les pros", audience=Audience.PROFESSIONALS)
    assert titles(engine) == ["Pour tous"]
    assert sorted(titles(engine, include_professional=True)) == ["Pour les pros", "Pour tous"]


def test_a_query_of_only_stop_words_or_symbols_finds_nothing_and_does_not_fail(engine):
    LotFactory(title="Chaise")
    for text in ['"', "le la les", "((]] AND OR * ~ ^ : \\", "x" * 10_000]:
        assert engine.search(LotQuery(text=text)).total == 0


def test_suggestions_complete_the_start_of_a_title(engine):
    LotFactory(title="Étagère métallique")
    LotFactory(title="Étagère en bois")
    LotFactory(title="Chaise")
    LotFactory(title="Étagère retirée", status=LotStatus.WITHDRAWN)
    assert engine.suggest("eta") == ["Étagère en bois", "Étagère métallique"]


@pytest.mark.elasticsearch
@pytest.mark.parametrize("typo", ["palete", "plaette"])
def test_elasticsearch_forgives_a_typo(es_engine, typo):
    LotFactory(title="Palette Europe en bois")
    LotFactory(title="Planche de chêne")
    assert titles(es_engine, text=typo) == ["Palette Europe en bois"]


def test_porte_ranks_doors_above_bikes_with_a_porte_bagages(engine):
    LotFactory(title="Vélo de ville avec porte-bagages", description="Porte-bagages arrière.")
    LotFactory(title="Porte isoplane 83 cm", description="Bâti compris.")
    LotFactory(title="Lot de portes vitrées", description="Six vantaux.")
    ranked = titles(engine, text="porte")
    assert sorted(ranked[:2]) == ["Lot de portes vitrées", "Porte isoplane 83 cm"]
    assert ranked[2] == "Vélo de ville avec porte-bagages"


def test_a_compound_typed_whole_ranks_the_lot_that_has_it_first(engine):
    LotFactory(title="Porte isoplane", description="Avec son porte-manteau.")
    LotFactory(title="Porte-manteau en bois")
    assert titles(engine, text="porte-manteau")[0] == "Porte-manteau en bois"


def test_the_words_side_by_side_rank_above_the_same_words_apart(engine):
    LotFactory(title="Table de cuisine basse")
    LotFactory(title="Table basse de salon")
    assert titles(engine, text="table basse") == ["Table basse de salon", "Table de cuisine basse"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("xhaises", "chaises"), ("xhaises de jardin", "chaises de jardin")],
)
def test_a_text_that_finds_nothing_suggests_the_nearest_words_of_the_lots(engine, typed, meant):
    LotFactory(title="Chaises de jardin")
    LotFactory(title="Carrelage grès")
    results = engine.search(LotQuery(text=typed))
    assert (results.total, results.suggestion) == (0, meant)
    assert titles(engine, text=results.suggestion) == ["Chaises de jardin"]


def test_chiases_leads_to_the_chairs(engine):
    LotFactory(title="Chaises de jardin")
    results = engine.search(LotQuery(text="chiases"))
    # Elasticsearch forgives the swapped letters at once; the database suggests the word.
    found = [engine.title(hit.lot_id) for hit in results.hits]
    assert found == ["Chaises de jardin"] or results.suggestion == "chaises"


def test_no_suggestion_when_nothing_is_near_or_the_correction_finds_nothing(engine):
    LotFactory(title="Chaises de jardin", condition=Condition.GOOD)
    assert engine.search(LotQuery(text="piano")).suggestion == ""
    # "chaises" exists, but not in this condition: suggesting it would lead nowhere.
    nowhere = engine.search(LotQuery(text="xhaises", conditions=(Condition.NEW,)))
    assert (nowhere.total, nowhere.suggestion) == (0, "")


def test_suggestions_never_come_from_lots_the_visitor_cannot_see(engine):
    LotFactory(title="Chaises retirées", status=LotStatus.WITHDRAWN)
    LotFactory(title="Chaises pro", audience=Audience.PROFESSIONALS)
    assert engine.search(LotQuery(text="xhaises")).suggestion == ""
