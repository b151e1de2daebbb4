"""French typography filters, loaded on every template (TEMPLATES "builtins").

`date` replaces Django's own filter of that name, so that every template writes "1er" for
the first day of a month without being edited; `de` and `typo` are used where needed.
"""

from django import template
from django.template.defaultfilters import date as django_date
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from reemploi import typography

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Django's `date`, writing "1er" for the first day of a month in French."""
    if arg and hasattr(value, "day"):
        arg = typography.french_date_format(value, arg)
    return django_date(value, arg)


@register.filter
def de(name):
    """{{ city|de }}: "d'Ivry-sur-Seine", "de Vitry-sur-Seine", "du Kremlin-Bicêtre".

    On English pages "of Ivry-sur-Seine": the catalogue's sentences are built around it.
    """
    if not (translation.get_language() or "fr").startswith("fr"):
        name = str(name or "").strip()
        return f"of {name}" if name else ""
    return typography.typo(typography.de(str(name or "")))


@register.filter(needs_autoescape=True)
def typo(text, autoescape=True):
    """{{ lot.description|typo }}: non-breaking spaces before : ; ? ! and inside numbers."""
    if text is None:
        return ""
    if hasattr(text, "__html__") and not isinstance(text, str):  # Wagtail's RichText
        text = mark_safe(text.__html__())
    if isinstance(text, SafeData) or not autoescape:
        return mark_safe(typography.typo(str(text)))
    return conditional_escape(typography.typo(str(text)))  # escaped after: entities intact
