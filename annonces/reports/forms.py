"""The "Signaler l'annonce" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import ReportReason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Motif du signalement"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un motif dans la liste.")},
    )
    message = forms.CharField(
        label=_("Précisions (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce que les animateurs du réseau doivent savoir. 2 000 caractères au plus."),
    )
