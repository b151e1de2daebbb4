"""Forms the animators build themselves (Wagtail's form builder), such as questionnaires."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from .base import BasePage


class FormField(AbstractFormField):
    page = ParentalKey("cms.FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(AbstractEmailForm, BasePage):
    """A questionnaire whose answers are stored, exportable to CSV and optionally e-mailed."""

    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("message de remerciement"), blank=True)

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel(["from_address", "to_address"]),
                "subject",
            ],
            heading=_("Envoi des réponses par e-mail (facultatif)"),
        ),
    ]
    promote_panels = BasePage.promote_panels
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    def get_submissions_list_view_class(self):
        # Imported here: Wagtail's admin views cannot load while the models are loading.
        from ..submissions import SafeSubmissionsListView

        return SafeSubmissionsListView

    class Meta:
        verbose_name = _("formulaire")
        verbose_name_plural = _("formulaires")
