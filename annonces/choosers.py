"""Wagtail's chooser modals for lots and structures, with a search that needs no index.

Lots and structures are not in Wagtail's search index (the site's search is Elasticsearch's,
search/), so the snippet choosers would only page through thousands of rows: this filter
form searches the database instead. Used by the snippet viewsets (lots/admin.py,
organisations/admin.py), hence by every ForeignKey to them in the editor, such as the
structures and lots a news item cites (cms/models/mentions.py).
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet


class DatabaseSearchFilterForm(BaseFilterForm):
    """The chooser's search box: each word must appear in one of `search_fields`."""

    search_fields: tuple[str, ...] = ()
    q = forms.CharField(
        label=_("Rechercher"),
        widget=forms.TextInput(attrs={"placeholder": _("Rechercher")}),
        required=False,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        for word in query.split()[:5]:
            match = Q()
            for field in self.search_fields:
                match |= Q(**{f"{field}__icontains": word})
            objects = objects.filter(match)
        if query:
            self.is_searching, self.search_query = True, query
        return super().filter(objects)


def searchable_chooser(search_fields: tuple[str, ...], *, select_related=()):
    """A SnippetChooserViewSet class whose modal searches `search_fields` in the database."""
    form = type("FilterForm", (DatabaseSearchFilterForm,), {"search_fields": search_fields})

    class Views:
        filter_form_class = form

        def get_object_list(self):
            return super().get_object_list().select_related(*select_related)

    return type(
        "SearchableChooserViewSet",
        (SnippetChooserViewSet,),
        {
            "choose_view_class": type("ChooseView", (Views, ChooseView), {}),
            "choose_results_view_class": type("ChooseResultsView", (Views, ChooseResultsView), {}),
        },
    )


LotChooserViewSet = searchable_chooser(
    ("title", "organisation__name", "city"), select_related=("organisation",)
)
OrganisationChooserViewSet = searchable_chooser(("name", "city"))
