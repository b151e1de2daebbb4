"""Builders of the Wagtail page tree for the CMS and browser tests (not a test module)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from cms.models import (
    DirectoryPage,
    EssPage,
    EventIndexPage,
    EventPage,
    FormField,
    FormPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
)


def home() -> HomePage:
    return HomePage.objects.get()


def add(parent, page):
    """Add the page under parent, published, and return it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def news_index(parent=None, **fields) -> NewsIndexPage:
    fields.setdefault("title", "Actualités")
    fields.setdefault("slug", "actualites")
    return add(parent or home(), NewsIndexPage(**fields))


def news(index, title="Une actualité", tags=(), **fields) -> NewsPage:
    fields.setdefault("slug", None)
    fields.setdefault("intro", f"Chapeau de « {title} ».")
    fields.setdefault("author", "Équipe d'animation")
    fields.setdefault(
        "body", [("paragraph", RichText("<p>Le réseau des ressourceries grandit.</p>"))]
    )
    page = NewsPage(title=title, **{k: v for k, v in fields.items() if v is not None})
    page.tags.add(*tags)
    return add(index, page)


def event_index(parent=None, **fields) -> EventIndexPage:
    fields.setdefault("title", "Agenda")
    fields.setdefault("slug", "agenda")
    return add(parent or home(), EventIndexPage(**fields))


def event(index, title="Mois de l'ESS", days_from_now=7, hours=3, **fields) -> EventPage:
    start = timezone.now().replace(microsecond=0) + timedelta(days=days_from_now)
    fields.setdefault("start", start)
    fields.setdefault("end", start + timedelta(hours=hours))
    fields.setdefault("place", "Ressourcerie de Vitry-sur-Seine")
    fields.setdefault("intro", "Portes ouvertes et ateliers de réparation.")
    return add(index, EventPage(title=title, **fields))


def ess_page(parent=None, title="L'économie sociale et solidaire", **fields) -> EssPage:
    fields.setdefault("intro", "Entreprendre autrement.")
    return add(parent or home(), EssPage(title=title, **fields))


def directory(parent=None, **fields) -> DirectoryPage:
    fields.setdefault("title", "Annuaire des acteurs")
    fields.setdefault("slug", "annuaire")
    return add(parent or home(), DirectoryPage(**fields))


def questionnaire(parent=None, **fields) -> FormPage:
    fields.setdefault("title", "Mieux vous connaître pour mieux répondre à vos besoins")
    fields.setdefault("slug", "questionnaire")
    page = FormPage(**fields)
    questions = [
        ("Nom de votre structure", "singleline", True, ""),
        ("Type de structure", "dropdown", True, "SIAE\nSCOP\nSCIC"),
        ("Vos besoins", "checkboxes", False, "Locaux\nRecrutement\nVisibilité"),
        ("Adresse e-mail de contact", "email", True, ""),
    ]
    for position, (label, field_type, required, choices) in enumerate(questions):
        page.form_fields.add(
            FormField(
                sort_order=position,
                label=label,
                field_type=field_type,
                required=required,
                choices=choices,
            )
        )
    return add(parent or home(), page)
