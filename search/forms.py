"""The search form: it reads the URL's parameters and hands a clean LotQuery to the search."""

from django import forms
from django.utils.translation import gettext_lazy as _

from annonces.category_choices import CategoryChoiceField
from annonces.choices import Condition
from annonces.models import Category, Organisation
from reemploi.geo import Point, match_commune
from reemploi.geocoding import commune_place, describe_position, locate, outside_territory_message

from .query import MAX_RADIUS_KM, SORT_LABELS, LotQuery, Sort

MAX_TEXT = 200
MAX_PAGE = 500  # deep pages mean nothing to a visitor and cost the engines dearly
MAX_SHOWN_PAGES = 10  # "Voir plus" brings up to 200 cards back at once, no more
RADIUS_CHOICES = [1, 2, 5, 10, 20, 50, 100]


def radius_choices(radius_km: int | None) -> list[int]:
    """The select's radii, with the one asked in the URL (a shared link's 30 km) among them."""
    return sorted({*RADIUS_CHOICES, radius_km} - {None})


DEFAULT_RADIUS = 10


class LotSearchForm(forms.Form):
    q = forms.CharField(label=_("Que cherchez-vous ?"), required=False, strip=True)
    lieu = forms.CharField(
        label=_("Où ?"),
        required=False,
        max_length=200,
        help_text=_("Une commune, un code postal ou une adresse."),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput)
    rayon = forms.IntegerField(
        label=_("Dans un rayon de"),
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_KM,
        error_messages={
            "min_value": _("Choisissez un rayon d'au moins 1 km."),
            "max_value": _("Choisissez un rayon de %(limit_value)s km au plus."),
            "invalid": _("Le rayon est un nombre de kilomètres."),
        },
    )
    categorie = CategoryChoiceField(
        label=_("Catégorie"),
        required=False,
        queryset=Category.objects.all(),
        to_field_name="slug",
        empty_label=_("Toutes les catégories"),
        error_messages={"invalid_choice": _("Cette catégorie n'existe pas.")},
    )
    etat = forms.MultipleChoiceField(
        label=_("État"),
        required=False,
        choices=Condition.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Cet état n'existe pas.")},
    )
    gratuit = forms.BooleanField(label=_("Gratuit uniquement"), required=False)
    structure = forms.ModelChoiceField(
        label=_("Structure"),
        required=False,
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        empty_label=_("Toutes les structures"),
        error_messages={"invalid_choice": _("Cette structure n'existe pas.")},
    )
    tri = forms.ChoiceField(
        label=_("Trier par"),
        required=False,
        choices=[("", _("Automatique")), *((s.value, label) for s, label in SORT_LABELS.items())],
        error_messages={"invalid_choice": _("Ce tri n'existe pas.")},
    )
    page = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # "Voir plus" was followed: the whole page shows pages 1 to `page`, so that coming back
    # to it from a lot finds the list as long as it was, at the same place.
    suite = forms.BooleanField(required=False, widget=forms.HiddenInput)

    place_label: str = ""
    place_warning: str = ""  # the place is outside the territory: searched all the same

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:MAX_TEXT]

    def clean_page(self) -> int:
        return min(max(self.cleaned_data["page"] or 1, 1), MAX_PAGE)

    def clean(self):
        data = super().clean()
        lat, lon, place = data.get("lat"), data.get("lon"), data.get("lieu")
        data["centre"] = None
        if lat is not None and lon is not None:
            try:
                data["centre"] = Point(lat, lon)
            except ValueError:
                self.add_error("lat", _("Cette position n'existe pas sur la Terre."))
            else:
                # "Autour de moi": name the commune rather than show coordinates.
                self.place_label = describe_position(data["centre"])
        elif place:
            self._resolve_place(data, place)
        return data

    def _resolve_place(self, data: dict, place: str) -> None:
        """A commune (its name as people type it, a prefix, a postcode), else coordinates or
        an address (the geocoder), else an error that names the communes it could be."""
        match = match_commune(place)
        if match.candidates:
            self.add_error(
                "lieu",
                _("« %(place)s » peut désigner plusieurs communes : %(communes)s. Précisez.")
                % {"place": place[:60], "communes": ", ".join(c.name for c in match.candidates)},
            )
            return
        found = commune_place(match.commune) if match.commune else locate(place).place
        if found is None:
            self.add_error(
                "lieu",
                _(
                    "Nous ne trouvons pas « %(place)s » : essayez le nom d'une commune, "
                    "un code postal ou une adresse d'Île-de-France."
                )
                % {"place": place[:60]},
            )
            return
        data["centre"] = found.point
        self.place_label = found.label
        if not found.in_territory:
            self.place_label = _("%(place)s (hors territoire)") % {"place": found.label}
            self.place_warning = outside_territory_message(found.label)

    def to_query(self, include_professional: bool) -> LotQuery:
        """The query from what was valid; invalid criteria are left out (and shown as errors)."""
        data = getattr(self, "cleaned_data", {})
        category = data.get("categorie")
        centre = data.get("centre")
        organisation = data.get("structure")
        return LotQuery(
            text=data.get("q", ""),
            category_ids=tuple(category.with_descendants()) if category else (),
            conditions=tuple(data.get("etat") or ()),
            free_only=bool(data.get("gratuit")),
            organisation_id=organisation.pk if organisation else None,
            include_professional=include_professional,
            centre=centre,
            radius_km=(data.get("rayon") or DEFAULT_RADIUS) if centre else None,
            sort=Sort(data["tri"]) if data.get("tri") else None,
            page=data.get("page") or 1,
        )
