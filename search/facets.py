"""The filters' counts, with the names a visitor reads.

A filter's own choices are counted as if it were not applied ("disjunctive" facets):
once "Comme neuf" is ticked, "Bon état" still shows how many it would add, and another
category can still be chosen. Both backends count so in the search itself (Elasticsearch's
`post_filter` with a filter aggregation per group, the database's one pass), no second one.
"""

from annonces.category_choices import indented, tree_order
from annonces.choices import Condition
from annonces.models import Category, Organisation

from .query import LotResults


def facet_counts(results: LotResults) -> dict[str, dict[str, int]]:
    """The results' facet counts, each filter group's counted without its own filter: the
    rule of the search page and of the JSON API alike."""
    return dict(results.facets)


def facet_choices(results: LotResults, selected_category: Category | None = None) -> dict:
    """Categories in tree order, conditions in their order, structures biggest first."""
    query = results.query
    counts = facet_counts(results)
    category_counts = counts.get("category", {})
    condition_counts = counts.get("condition", {})
    organisation_counts = counts.get("organisation", {})
    counted = {int(pk) for pk in category_counts}
    if selected_category is not None:
        counted.add(selected_category.pk)  # still listed when nothing is left in it
    categories = Category.objects.filter(pk__in=counted)
    organisations = Organisation.objects.in_bulk([int(pk) for pk in organisation_counts])
    return {
        "category": [
            (category, indented(category.name, depth), category_counts.get(str(category.pk), 0))
            for category, depth in tree_order(categories)
        ],
        "condition": [
            (value, label, condition_counts.get(value, 0))
            for value, label in Condition.choices
            if condition_counts.get(value) or value in query.conditions
        ],
        "organisation": sorted(
            (
                (organisations[int(pk)], n)
                for pk, n in organisation_counts.items()
                if int(pk) in organisations
            ),
            key=lambda item: -item[1],
        )[:10],
    }
