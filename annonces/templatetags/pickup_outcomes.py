"""What the lists of requests show the giving structure: past absences, a no-show to record."""

from django import template

from ..pickups import absences, no_shows

register = template.Library()


def _gives(user, reservation) -> bool:
    # The user's structures read once per request, not once per line of the list.
    if not hasattr(user, "_giving_organisation_ids"):
        user._giving_organisation_ids = set(
            user.memberships.values_list("organisation_id", flat=True)
        )
    return reservation.lot.organisation_id in user._giving_organisation_ids


@register.filter
def pickup_records(reservation, user) -> list:
    """[(who, record)] of the requester, for the giving structure only; cheap on querysets
    with with_pickup_records()."""
    if not user.is_authenticated or not _gives(user, reservation):
        return []
    return absences.records_for(reservation)


@register.filter
def no_show_due(reservation, user) -> bool:
    """The giving structure may record that nobody came to this accepted pickup."""
    return (
        user.is_authenticated
        and no_shows.may_record_no_show(reservation)
        and _gives(user, reservation)
    )
