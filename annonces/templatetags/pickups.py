"""{% pickup_schedule organisation as schedule %}: a structure's week, for the hours includes."""

from django import template

from ..pickups.hours import Schedule

register = template.Library()


@register.simple_tag
def pickup_schedule(organisation) -> Schedule:
    return Schedule(organisation)
