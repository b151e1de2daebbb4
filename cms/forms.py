"""The actors directory's filter form (a GET form: it works without JavaScript)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from annonces.choices import OrganisationKind
from reemploi.geo import COMMUNES, get_commune

from .directory import FAMILIES, matching


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    family = forms.ChoiceField(
        label=_("Famille de l'ESS"),
        required=False,
        choices=[("", _("Toutes les familles")), *((k, v[0]) for k, v in FAMILIES.items())],
    )
    kind = forms.ChoiceField(
        label=_("Type de structure"),
        required=False,
        choices=[("", _("Tous les types")), *OrganisationKind.choices],
    )
    commune = forms.ChoiceField(
        label=_("Commune"),
        required=False,
        choices=[("", _("Toutes les communes")), *((c.insee, c.name) for c in COMMUNES)],
    )

    def filter(self, organisations):
        """Narrow the organisations by the valid criteria; an invalid one is ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if family := data.get("family"):
            organisations = organisations.filter(kind__in=FAMILIES[family][1])
        if kind := data.get("kind"):
            organisations = organisations.filter(kind=kind)
        if insee := data.get("commune"):
            commune = get_commune(insee)
            # Staff type the commune by hand: its postcode catches spellings the name misses.
            organisations = organisations.filter(
                Q(city__iexact=commune.name) | Q(postcode__in=commune.postcodes)
            )
        return matching(organisations, data.get("q", ""))
