"""Who may do what in the marketplace; views and services both ask here."""

from allauth.account.models import EmailAddress
from django.contrib.auth.mixins import AccessMixin
from django.shortcuts import render

from .choices import MembershipRole

# Given to the group "Animation du réseau" (migration 0008); superusers hold every permission.
NETWORK_PERMISSION = "annonces.moderate_network"


def is_network_admin(user) -> bool:
    """Network animators: they moderate lots and validate structures. Entering Wagtail's admin
    (news editors do) is not enough."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(NETWORK_PERMISSION)


def can_enter_admin(user) -> bool:
    """Whoever may enter Wagtail's admin: animators, news editors, superusers."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def has_verified_email(user) -> bool:
    """Posting and reserving need an address the user has proved is theirs."""
    return user.is_authenticated and EmailAddress.objects.filter(user=user, verified=True).exists()


def is_member(user, organisation) -> bool:
    """Any member of the organisation may post and change its lots."""
    return user.is_authenticated and organisation.memberships.filter(user=user).exists()


def is_professional(user) -> bool:
    """Professionals-only lots are for members of a structure the network has validated."""
    return (
        user.is_authenticated
        and user.memberships.filter(organisation__validated_at__isnull=False).exists()
    )


def is_organisation_admin(user, organisation) -> bool:
    """Only an organisation's administrators invite people and change roles."""
    return (
        user.is_authenticated
        and organisation.memberships.filter(user=user, role=MembershipRole.ADMIN).exists()
    )


def can_edit_lot(user, lot) -> bool:
    return has_verified_email(user) and is_member(user, lot.organisation)


class VerifiedUserRequiredMixin(AccessMixin):
    """Logged-out users go to the login page; unverified ones are told to confirm (403)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_verified_email(request.user):
            return render(request, "account/verified_email_required.html", status=403)
        return super().dispatch(request, *args, **kwargs)


def verified_user_required(view):
    """The function-view twin of VerifiedUserRequiredMixin."""
    from functools import wraps

    from django.contrib.auth.views import redirect_to_login

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_verified_email(request.user):
            return render(request, "account/verified_email_required.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def can_take_part(user, conversation) -> bool:
    """Who reads and writes a thread: the asker, the giving structure's members, and the
    members of the structure the reservation was made for. Nobody else, animators included."""
    from .models import Conversation

    return (
        user.is_authenticated
        and user.is_active
        and Conversation.objects.involving(user).filter(pk=conversation.pk).exists()
    )


def can_moderate_conversation(user, conversation) -> bool:
    """Animators open a private thread only once one of its messages was reported."""
    from .models import Conversation

    return (
        is_network_admin(user)
        and Conversation.objects.reported().filter(pk=conversation.pk).exists()
    )


def can_read_conversation(user, conversation) -> bool:
    return can_take_part(user, conversation) or can_moderate_conversation(user, conversation)
