"""Mon espace: organisations' members post and manage their lots, admins their people."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from . import services
from .choices import LotStatus, MembershipRole, ReservationStatus
from .forms import InvitationForm, LotForm, ModerationForm, OrganisationForm, RoleForm
from .impact import ImpactReport
from .models import Lot, Membership, Organisation, Reservation
from .permissions import (
    VerifiedUserRequiredMixin,
    is_network_admin,
    is_organisation_admin,
    verified_user_required,
)


def _member_lot(request, slug) -> Lot:
    """The lot, if the user belongs to its organisation; a 404 otherwise (no hint it exists)."""
    return get_object_or_404(Lot.objects.of_member(request.user).distinct(), slug=slug)


# Mon espace lists the first few of each kind of request; the full list is one click away.
SPACE_LIST_SIZE = 10


class MySpaceView(VerifiedUserRequiredMixin, TemplateView):
    template_name = "annonces/my_space.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        memberships = list(
            user.memberships.select_related("organisation").order_by("organisation__name")
        )
        # What each of the user's structures kept from the skip, in one grouped query.
        organisations = [membership.organisation for membership in memberships]
        impact = {f.key: f for f in ImpactReport(organisations=organisations).by_organisation()}
        for membership in memberships:
            membership.impact = impact.get(membership.organisation_id)
        lots = Lot.objects.of_member(user).select_related("organisation").order_by("-updated_at")
        by_status = [(label, [lot for lot in lots if lot.status == value])
                     for value, label in LotStatus.choices]  # fmt: skip
        pending = Organisation.objects.none()
        if is_network_admin(user):
            pending = Organisation.objects.filter(validated_at__isnull=True)
        received = Reservation.objects.received_by(user).for_lists().order_by("pickup_at")
        return super().get_context_data(
            memberships=memberships,
            lots_by_status=[(label, group) for label, group in by_status if group],
            pending_organisations=pending,
            requests_to_answer=received.awaiting_answer()[:SPACE_LIST_SIZE],
            pickups=received.filter(status=ReservationStatus.ACCEPTED)[:SPACE_LIST_SIZE],
            my_requests=Reservation.objects.made_by(user).for_lists()[:SPACE_LIST_SIZE],
            **kwargs,
        )


class LotFormView(VerifiedUserRequiredMixin, FormView):
    """Post a new lot, or edit one of the user's organisation."""

    template_name = "annonces/lot_form.html"
    form_class = LotForm
    lot = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.kwargs.get("slug"):
            self.lot = _member_lot(self.request, self.kwargs["slug"])
        kwargs.update(user=self.request.user, instance=self.lot)
        return kwargs

    def get(self, request, *args, **kwargs):
        if not self.kwargs.get("slug") and not request.user.memberships.exists():
            messages.info(request, _("Créez ou rejoignez d'abord une structure pour publier."))
            return redirect("annonces:organisation_create")
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            lot = services.save_lot(
                form.save(commit=False),
                self.request.user,
                photos=form.cleaned_data["photos"],
                publish="publish" in self.request.POST,
            )
        except services.DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Le lot « %(title)s » est enregistré.") % {"title": lot})
        if lot.place_warning:
            messages.warning(self.request, lot.place_warning)
        return redirect(lot.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(lot=self.lot, **kwargs)


def _lot_action(action, success):
    """A one-off POST on a member's lot, reported as a message."""

    @require_POST
    @verified_user_required
    def view(request, slug):
        lot = _member_lot(request, slug)
        try:
            result = action(lot, request.user)
        except services.DomainError as error:
            messages.error(request, error.message)
            return redirect("annonces:my_space")
        messages.success(request, success % {"title": result.title})
        return redirect(result.get_absolute_url())

    return view


lot_publish = _lot_action(services.publish_lot, _("« %(title)s » est en ligne."))
lot_duplicate = _lot_action(services.duplicate_lot, _("Copie créée en brouillon : « %(title)s »."))


@verified_user_required
def lot_withdraw(request, slug):
    """A confirmation page on GET; the withdrawal on POST."""
    lot = _member_lot(request, slug)
    if request.method != "POST":
        return render(request, "annonces/lot_withdraw.html", {"lot": lot})
    try:
        services.withdraw_lot(lot, request.user)
    except services.DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("« %(title)s » est retiré des annonces.") % {"title": lot})
    return redirect("annonces:my_space")


@require_POST
@verified_user_required
def photo_delete(request, slug, photo_id):
    lot = _member_lot(request, slug)
    services.delete_photo(get_object_or_404(lot.photos, pk=photo_id), request.user)
    return redirect("annonces:lot_edit", slug=lot.slug)


@verified_user_required
def lot_moderate(request, slug):
    """Network administrators take a lot offline, with a reason sent to the organisation."""
    if not is_network_admin(request.user):
        raise Http404
    lot = get_object_or_404(Lot, slug=slug)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.moderate_lot(lot, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Le lot est retiré ; la structure est prévenue."))
        return redirect("annonces:my_space")
    return render(request, "annonces/lot_moderate.html", {"lot": lot, "form": form})


class OrganisationCreateView(VerifiedUserRequiredMixin, FormView):
    template_name = "annonces/organisation_form.html"
    form_class = OrganisationForm

    def form_valid(self, form):
        try:
            services.request_organisation(form.save(commit=False), self.request.user)
        except services.DomainError as error:
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
    """Admins see the members, change roles and invite people by e-mail."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not is_organisation_admin(request.user, organisation):
        raise Http404
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        services.invite(organisation, request.user, email, form.cleaned_data["role"])
        messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": email})
        return redirect("annonces:organisation_members", slug=slug)
    memberships = organisation.memberships.select_related("user").order_by("user__email")
    context = {
        "organisation": organisation,
        "form": form,
        "memberships": memberships,
        "roles": MembershipRole.choices,
    }
    return render(request, "annonces/organisation_members.html", context)


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
    except services.DomainError as error:
        messages.error(request, error.message)
    return redirect("annonces:organisation_members", slug=membership.organisation.slug)


@verified_user_required
def invitation_accept(request, token):
    """Shows whom the invitation is from; joining takes a POST (links get prefetched)."""
    try:
        organisation, email, _role = services.read_invitation(token)
        if request.method == "POST":
            services.accept_invitation(token, request.user)
            messages.success(request, _("Bienvenue dans %(name)s.") % {"name": organisation.name})
            return redirect(reverse("annonces:my_space"))
    except services.InvitationError as error:
        return render(request, "annonces/invitation.html", {"error": error.message}, status=400)
    context = {"organisation": organisation, "email": email, "token": token}
    return render(request, "annonces/invitation.html", context)
