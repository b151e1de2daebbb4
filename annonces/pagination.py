"""Pagination shared by every list of the marketplace."""

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property


class ForgivingPaginationMixin:
    """A page number out of range or not a number shows the nearest page, never an error."""

    paginate_by = settings.LOTS_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class KeptCountPaginator(Paginator):
    """Pages numbered from a kept count (annonces.kept) instead of a COUNT(*) at each visit;
    `figure` is anything whose get() gives the count."""

    def __init__(self, *args, figure, **kwargs):
        super().__init__(*args, **kwargs)
        self.figure = figure

    @cached_property
    def count(self) -> int:
        return self.figure.get()
