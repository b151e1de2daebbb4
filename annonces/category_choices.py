"""Categories offered as the tree reads: each parent followed by its children, indented.

Shared by every form and filter that asks for a category (the search filters, the lot
form), so that they all list the 40 categories in the same order.
"""

from collections.abc import Iterable, Iterator

from django import forms

from .models import Category

# Non-breaking: browsers collapse ordinary spaces at the start of an <option>.
INDENT = "\u00a0\u00a0\u00a0"


def tree_order(categories: Iterable[Category]) -> list[tuple[Category, int]]:
    """Each category with its depth, parents before children, siblings by position then name.

    A category whose parent is not among those given is shown at the top level.
    """
    categories = list(categories)
    known = {category.pk for category in categories}
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        parent = category.parent_id if category.parent_id in known else None
        children.setdefault(parent, []).append(category)
    for siblings in children.values():
        siblings.sort(key=lambda c: (c.position, c.name.casefold()))
    ordered: list[tuple[Category, int]] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for category in children.get(parent, ()):
            if category.pk in seen:  # a cycle saved around clean(): never loop for ever
                continue
            seen.add(category.pk)
            ordered.append((category, depth))
            walk(category.pk, depth + 1)

    walk(None, 0)
    return ordered


def indented(name: str, depth: int) -> str:
    """The name as an option shows it, indented by its depth in the tree."""
    return INDENT * depth + name


class _TreeIterator(forms.models.ModelChoiceIterator):
    def __iter__(self) -> Iterator:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for category, depth in tree_order(self.queryset):
            yield (self.choice(category)[0], indented(category.name, depth))

    def __len__(self) -> int:
        return self.queryset.count() + (self.field.empty_label is not None)


class CategoryChoiceField(forms.ModelChoiceField):
    """A category select listing the tree in order, children indented under their parent."""

    iterator = _TreeIterator

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset if queryset is not None else Category.objects.all(), **kwargs)
