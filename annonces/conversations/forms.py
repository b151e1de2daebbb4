"""The message form and the report form; what was typed is kept on any refusal."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..lots.forms import PhotosField
from ..models.conversations import MESSAGE_MAX_LENGTH, MessageReportReason

MESSAGE_MAX_PHOTOS = 4


class MessagePhotosField(PhotosField):
    """The lots' safe upload path (size, type, Pillow, EXIF dropped), four photos at most."""

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        if len(uploads) > MESSAGE_MAX_PHOTOS:
            raise ValidationError(_("Un message compte au plus 4 photos."))
        return super().clean(data, initial)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Un message compte au plus 4 000 caractères (celui-ci en compte %(show_value)s)."
            )
        },
    )
    photos = MessagePhotosField(
        label=_("Photos (4 au plus, 10 Mo chacune)"),
        required=False,
        help_text=_("JPEG, PNG, WebP ou HEIC. La position GPS des photos est effacée."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not (cleaned.get("body") or "").strip()
            and not cleaned.get("photos")
        ):
            raise ValidationError(_("Écrivez un message ou joignez une photo."))
        return cleaned


class MessageReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Motif du signalement"),
        choices=MessageReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un motif dans la liste.")},
    )
    details = forms.CharField(
        label=_("Précisions (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_(
            "Je confirme que ce message pose problème : l'animation du réseau lira cette "
            "conversation."
        ),
        error_messages={"required": _("Cochez la case pour confirmer le signalement.")},
    )
