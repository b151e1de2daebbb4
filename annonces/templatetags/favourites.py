"""The heart of a lot: its state for the logged-in person only (anonymous pages may be cached)."""

from django import template

from ..models import Favourite

register = template.Library()


@register.inclusion_tag("annonces/favourites/_heart.html", takes_context=True)
def heart(context, lot):
    request = context.get("request")
    user = getattr(request, "user", None)
    logged_in = bool(user and user.is_authenticated)
    is_favourite = False
    if logged_in:
        # One query per page, however many cards.
        if not hasattr(request, "_favourite_lot_ids"):
            request._favourite_lot_ids = set(
                Favourite.objects.filter(user=user).values_list("lot_id", flat=True)
            )
        is_favourite = lot.pk in request._favourite_lot_ids
    return {
        "lot": lot,
        "is_favourite": is_favourite,
        "logged_in": logged_in,
        "csrf_token": context.get("csrf_token"),
        "in_form": context.get("in_form", False),
    }
