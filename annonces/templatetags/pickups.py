"""{% pickup_schedule organisation as schedule %}: a structure's week, for the hours includes."""

from django import template

from ..pickups.hours import Schedule

register = template.Library()


@register.simple_tag
def pickup_schedule(organisation, lot=None) -> Schedule:
    """The lot's place's week if it has one (lot may be "" where a page has no lot)."""
    return Schedule(organisation, lot or None)
