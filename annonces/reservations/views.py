"""Reservations seen from both sides: ask for a lot, answer, collect, print the voucher."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, ListView

from reemploi.ical import ical_response

from ..choices import ReservationStatus
from ..errors import ReservationError
from ..models import Lot, Reservation
from ..pagination import ForgivingPaginationMixin
from ..permissions import VerifiedUserRequiredMixin, is_member, verified_user_required
from ..pickups import absences, no_shows, receipts
from ..pickups.calendar import PUBLISH, pickup_calendar
from . import grouped
from . import services as reservations
from .forms import (
    CancelForm,
    CollectionForm,
    DeclineForm,
    NoShowForm,
    ProposeForm,
    ReceiptForm,
    ReservationFilterForm,
    ReservationForm,
)

RESERVATIONS_PER_PAGE = 20


def _reservation(request, reference) -> Reservation:
    """The reservation, if the user made or received it; a 404 otherwise (no hint it exists)."""
    reservations_seen = Reservation.objects.visible_to(request.user).for_lists()
    return get_object_or_404(reservations_seen, reference=reference)


def allowed_actions(reservation: Reservation, user) -> set[str]:
    """What the user may do now with the reservation, to offer it; the services decide."""
    status, actions = reservation.status, set()
    if is_member(user, reservation.lot.organisation):
        if status == ReservationStatus.PENDING:
            actions.add("accept")
        if status in Reservation.OPEN:
            actions.add("propose")
        if status in Reservation.LIVE:
            actions.add("decline")
        if status == ReservationStatus.ACCEPTED:
            actions.add("collect")
        if no_shows.may_record_no_show(reservation):
            actions.add("no_show")
    if reservation.requester_id == user.pk:
        if status == ReservationStatus.PROPOSED:
            actions.add("confirm")
        if status in Reservation.OPEN or (
            status == ReservationStatus.ACCEPTED and reservation.pickup_at > timezone.now()
        ):
            actions.add("cancel")
        if receipts.may_answer(reservation, user):
            actions.add("receipt")
    if status in (ReservationStatus.ACCEPTED, ReservationStatus.COLLECTED):
        actions.add("voucher")
    return actions


# --- Asking -----------------------------------------------------------------------------------


class LotReserveView(VerifiedUserRequiredMixin, FormView):
    template_name = "annonces/reservations/reservation_form.html"
    form_class = ReservationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            lots = Lot.objects.on_show().select_related("organisation")
            self.lot = get_object_or_404(lots, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        refusal = self._refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect(self.lot)
        return super().get(request, *args, **kwargs)

    def _refusal(self):
        if is_member(self.request.user, self.lot.organisation):
            return _("Ce lot est proposé par votre structure : pas besoin de le réserver.")
        if not self.lot.is_reservable:
            return _("Ce lot n'est plus disponible à la réservation.")
        if not Lot.objects.filter(pk=self.lot.pk).open_to(self.request.user).exists():
            return _(
                "Ce lot est réservé aux membres d'une structure validée par le réseau : "
                "créez votre structure ou demandez à la vôtre de vous inviter."
            )
        if self.lot.reservations.made_by(self.request.user).awaiting_answer().exists():
            return _("Vous avez déjà une demande en attente pour ce lot.")
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "lot": self.lot, "user": self.request.user}

    def form_valid(self, form):
        try:
            if form.others:  # several lots of the structure, one pickup
                reservation = grouped.request_pickup(
                    self.lot, form.others, self.request.user, **form.cleaned_data
                )
            else:
                reservation = reservations.request_reservation(
                    self.lot, self.request.user, **form.cleaned_data
                )
        except ReservationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Demande envoyée à %(name)s. Vous serez prévenu·e de sa réponse.")
            % {"name": self.lot.organisation.name},
        )
        return redirect(reservation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lot=self.lot,
            title=_("Réserver « %(title)s »") % {"title": self.lot.title},
            submit=_("Envoyer la demande"),
            **kwargs,
        )


# --- Reading ----------------------------------------------------------------------------------


class ReservationListView(VerifiedUserRequiredMixin, ForgivingPaginationMixin, ListView):
    """The requests the user made and received, newest first, filtered by side and status."""

    template_name = "annonces/reservations/reservation_list.html"
    context_object_name = "reservations"
    paginate_by = RESERVATIONS_PER_PAGE

    def get_queryset(self):
        user = self.request.user
        self.filters = ReservationFilterForm(self.request.GET)
        wanted = self.filters.cleaned_data if self.filters.is_valid() else {}
        if wanted.get("sens") == ReservationFilterForm.MADE:
            shown = Reservation.objects.made_by(user)
        elif wanted.get("sens") == ReservationFilterForm.RECEIVED:
            shown = Reservation.objects.received_by(user)
        else:
            shown = Reservation.objects.visible_to(user)
        if wanted.get("statut"):
            shown = shown.filter(status=wanted["statut"])
        return shown.for_lists().with_pickup_records()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filters=self.filters, **kwargs)


@verified_user_required
def reservation_detail(request, reference):
    reservation = _reservation(request, reference)
    events = reservation.events.select_related("actor")
    actions = allowed_actions(reservation, request.user)
    context = {
        "reservation": reservation,
        "lot": reservation.lot,
        "events": events,
        "actions": actions,
        "is_requester": reservation.requester_id == request.user.pk,
    }
    context["receipt"] = receipts.answer_of(reservation)
    if is_member(request.user, reservation.lot.organisation):  # the giving side only
        context["pickup_records"] = absences.records_for(reservation)
        if actions & {"accept", "propose"}:
            context["recent_absences"] = absences.recent_absences(reservation)
            context["needs_acknowledgement"] = absences.needs_acknowledgement(reservation)
            context["absence_days"] = settings.RESERVATION_ABSENCE_DAYS
    return render(request, "annonces/reservations/reservation_detail.html", context)


@verified_user_required
def voucher(request, reference):
    """The pickup voucher, printable, once the reservation is accepted."""
    reservation = _reservation(request, reference)
    if reservation.status not in (ReservationStatus.ACCEPTED, ReservationStatus.COLLECTED):
        raise Http404
    context = {"reservation": reservation, "lot": reservation.lot}
    return render(request, "annonces/reservations/voucher.html", context)


@require_GET
@verified_user_required
def pickup_agenda(request, reference):
    """The agreed pickup as an .ics file, for whoever may open the reservation."""
    reservation = _reservation(request, reference)
    if reservation.status != ReservationStatus.ACCEPTED:
        raise Http404
    content = pickup_calendar(reservation, PUBLISH).encode()
    return ical_response(content, f"enlevement-{reservation.reference}.ics")


# --- Answering --------------------------------------------------------------------------------


def _one_click(action, success, checkboxes=()):
    """A POST that moves the reservation on; a refusal is reported as a message.

    checkboxes: names of boxes the form may carry, passed to the action as booleans."""

    @require_POST
    @verified_user_required
    def view(request, reference):
        reservation = _reservation(request, reference)
        ticked = {name: request.POST.get(name) == "on" for name in checkboxes}
        try:
            action(reservation, request.user, **ticked)
        except ReservationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
        return redirect(reservation)

    return view


reservation_accept = _one_click(
    reservations.accept_reservation,
    _("Demande acceptée : la quantité est mise de côté et le demandeur est prévenu."),
    checkboxes=["acknowledge_absences"],
)
reservation_confirm = _one_click(
    reservations.confirm_proposal,
    _("Créneau confirmé : la structure est prévenue. Pensez à imprimer le bon d'enlèvement."),
)


def _with_form(name, form_class, action, success, when_accepted=None, **texts):
    """A form on GET; the action on a valid POST. The form keeps what was typed.

    when_accepted: other texts (and success message) for a reservation already accepted.
    """

    @verified_user_required
    def view(request, reference):
        reservation = _reservation(request, reference)
        if request.method != "POST" and name not in allowed_actions(reservation, request.user):
            messages.error(request, _("Cette demande ne s'y prête pas, ou plus."))
            return redirect(reservation)
        shown = {"success": success, **texts}
        if when_accepted and reservation.status == ReservationStatus.ACCEPTED:
            shown |= when_accepted
        data = request.POST if request.method == "POST" else None
        form = form_class(data, reservation=reservation)
        if form.is_valid():
            try:
                action(reservation, request.user, **form.cleaned_data)
            except ReservationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, shown["success"])
                return redirect(reservation)
        context = {"reservation": reservation, "lot": reservation.lot, "form": form, **shown}
        return render(request, "annonces/reservations/reservation_form.html", context)

    return view


reservation_decline = _with_form(
    "decline",
    DeclineForm,
    reservations.decline_reservation,
    _("Demande refusée ; le demandeur reçoit votre motif."),
    title=_("Refuser la demande"),
    intro=_("Le demandeur recevra ce motif par e-mail."),
    submit=_("Refuser la demande"),
    danger=True,
    # Once accepted, the pickup is agreed: declining then calls it off (nobody came, say).
    when_accepted={
        "success": _("Enlèvement annulé ; le demandeur reçoit votre motif."),
        "title": _("Annuler l'enlèvement"),
        "intro": _(
            "L'enlèvement convenu n'aura pas lieu : la quantité mise de côté redevient "
            "disponible et le demandeur reçoit ce motif par e-mail."
        ),
        "submit": _("Annuler l'enlèvement"),
    },
)
reservation_propose = _with_form(
    "propose",
    ProposeForm,
    reservations.propose_slot,
    _("Créneau proposé ; le demandeur doit le confirmer."),
    title=_("Proposer un autre créneau"),
    intro=_("Le demandeur confirmera ce créneau, ou annulera sa demande."),
    submit=_("Proposer ce créneau"),
)
reservation_cancel = _with_form(
    "cancel",
    CancelForm,
    reservations.cancel_reservation,
    _("Demande annulée ; la structure est prévenue."),
    title=_("Annuler ma demande"),
    intro=_("La structure sera prévenue ; une quantité mise de côté redevient disponible."),
    submit=_("Oui, annuler ma demande"),
    danger=True,
)
reservation_collect = _with_form(
    "collect",
    CollectionForm,
    reservations.confirm_collection,
    _("Enlèvement enregistré : merci pour le réemploi !"),
    title=_("Confirmer l'enlèvement"),
    intro=_("Indiquez ce qui est réellement parti ; le reste redevient disponible."),
    submit=_("Confirmer l'enlèvement"),
)


# --- After the slot (annonces/pickups) ----------------------------------------------------------

reservation_no_show = _with_form(
    "no_show",
    NoShowForm,
    no_shows.record_no_show,
    _("Absence enregistrée : la quantité est de nouveau disponible et le demandeur est prévenu."),
    title=_("Personne n'est venu ?"),
    intro=_(
        "L'enlèvement sera clos comme une absence : la quantité mise de côté redevient "
        "disponible aussitôt et le demandeur en est prévenu par e-mail."
    ),
    submit=_("Oui, personne n'est venu"),
    danger=True,
)
reservation_receipt = _with_form(
    "receipt",
    ReceiptForm,
    receipts.confirm_receipt,
    _("Merci, votre réponse est enregistrée."),
    title=_("L'enlèvement a-t-il eu lieu ?"),
    intro=_("Votre réponse aide le réseau à tenir juste le compte des enlèvements."),
    submit=_("Envoyer ma réponse"),
)
