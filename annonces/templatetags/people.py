"""{{ user|display_name }}: a person's name wherever one is shown."""

from django import template

from annonces.people.names import display_name as _display_name

register = template.Library()


@register.filter
def display_name(user) -> str:
    return _display_name(user)
