"""Structures: the public page, the request to join the network, members and invitations."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView

from ..choices import MembershipRole
from ..errors import DomainError, InvitationError
from ..impact.report import ImpactReport
from ..models import Invitation, Membership, Organisation
from ..pagination import ForgivingPaginationMixin, KeptCountPaginator
from ..permissions import (
    VerifiedUserRequiredMixin,
    is_member,
    is_network_admin,
    is_organisation_admin,
    verified_user_required,
)
from . import services
from .figures import OrganisationLots
from .forms import InvitationForm, OrganisationForm, RoleForm


class OrganisationDetailView(ForgivingPaginationMixin, ListView):
    template_name = "annonces/organisations/organisation_detail.html"
    context_object_name = "lots"

    def get_queryset(self):
        self.organisation = get_object_or_404(Organisation, slug=self.kwargs["slug"])
        user = self.request.user
        if not self.organisation.is_validated and not (
            is_member(user, self.organisation) or is_network_admin(user)
        ):
            raise Http404  # no public page before the network has validated it
        return self.organisation.lots.visible().for_cards().newest()

    def get_paginator(self, queryset, per_page, **kwargs):
        figure = OrganisationLots(self.organisation.pk)
        return KeptCountPaginator(queryset, per_page, figure=figure, **kwargs)

    def get_context_data(self, **kwargs):
        impact = ImpactReport(organisation=self.organisation).totals()
        return super().get_context_data(organisation=self.organisation, impact=impact, **kwargs)


class OrganisationCreateView(VerifiedUserRequiredMixin, FormView):
    template_name = "annonces/organisations/organisation_form.html"
    form_class = OrganisationForm

    def form_valid(self, form):
        try:
            services.request_organisation(form.save(commit=False), self.request.user)
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Structure créée. Ses lots seront visibles dès qu'un administrateur l'aura validée."),
        )
        return redirect("annonces:my_space")


@require_POST
@verified_user_required
def organisation_validate(request, slug):
    if not is_network_admin(request.user):
        raise Http404
    organisation = get_object_or_404(Organisation, slug=slug)
    services.validate_organisation(organisation, request.user)
    messages.success(request, _("« %(name)s » est validée.") % {"name": organisation.name})
    return redirect("annonces:my_space")


@verified_user_required
def organisation_members(request, slug):
    """Admins see the members and invitations, change roles and invite people by e-mail."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not is_organisation_admin(request.user, organisation):
        raise Http404
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            services.invite(organisation, request.user, email, form.cleaned_data["role"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": email})
            return redirect("annonces:organisation_members", slug=slug)
    context = {
        "organisation": organisation,
        "form": form,
        "memberships": organisation.memberships.select_related("user").order_by("user__email"),
        "invitations": organisation.invitations.select_related("invited_by")[:50],
        "roles": MembershipRole.choices,
    }
    return render(request, "annonces/organisations/organisation_members.html", context)


@verified_user_required
def invitation_revoke(request, pk):
    """A confirmation page on GET; the invitation is cancelled on POST."""
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), pk=pk)
    organisation = invitation.organisation
    if not is_organisation_admin(request.user, organisation):
        raise Http404
    if request.method != "POST":
        context = {"invitation": invitation, "organisation": organisation}
        return render(request, "annonces/organisations/invitation_revoke.html", context)
    try:
        services.revoke_invitation(invitation, request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("L'invitation de %(email)s est annulée.") % {"email": invitation.email}
        )
    return redirect("annonces:organisation_members", slug=organisation.slug)


@require_POST
@verified_user_required
def membership_change(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    if not is_organisation_admin(request.user, membership.organisation):
        raise Http404
    form = RoleForm(request.POST)
    try:
        if "remove" in request.POST:
            services.remove_member(membership, request.user)
        elif form.is_valid():
            services.change_role(membership, request.user, form.cleaned_data["role"])
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("annonces:organisation_members", slug=membership.organisation.slug)


@verified_user_required
def invitation_accept(request, token):
    """Shows whom the invitation is from; joining takes a POST (links get prefetched)."""
    try:
        invitation = services.read_invitation(token)
        if request.method == "POST":
            services.accept_invitation(token, request.user)
            name = invitation.organisation.name
            messages.success(request, _("Bienvenue dans %(name)s.") % {"name": name})
            return redirect(reverse("annonces:my_space"))
    except InvitationError as error:
        return render(
            request, "annonces/organisations/invitation.html", {"error": error.message}, status=400
        )
    context = {"organisation": invitation.organisation, "email": invitation.email}
    return render(request, "annonces/organisations/invitation.html", context)
