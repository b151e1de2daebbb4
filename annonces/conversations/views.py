"""The threads: a question on a lot, a reservation's messages, the list, reports, hiding."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import get_usage

from ..errors import DomainError
from ..models import Conversation, Lot, Message, Reservation
from ..permissions import (
    can_moderate_conversation,
    can_read_conversation,
    can_take_part,
    is_network_admin,
    verified_user_required,
)
from . import services
from .forms import MessageForm, MessageReportForm
from .listing import shown_messages, threads_of

THROTTLED = _("Vous avez envoyé beaucoup de messages : réessayez dans un moment, votre texte est "
              "gardé ci-dessous.")  # fmt: skip


def _over_the_limit(request) -> bool:
    """Counted like every throttle, per account; checked once the form is valid, so the
    message typed is shown again rather than lost."""
    usage = get_usage(request, group="message", key="user_or_ip",
                      rate="reemploi.throttling.rate", method="POST", increment=True)  # fmt: skip
    return bool(usage and usage["should_limit"])


def _send(request, form, write) -> Message | None:
    """Validate, throttle, then write; errors land on the form, which keeps the text."""
    if not form.is_valid():
        return None
    if _over_the_limit(request):
        form.add_error(None, THROTTLED)
        return None
    try:
        return write(form.cleaned_data["body"], form.cleaned_data["photos"])
    except DomainError as error:
        form.add_error(None, error.message)
        return None


def _status(request, form) -> int:
    if request.method != "POST":
        return 200
    return 429 if THROTTLED in form.non_field_errors() else 200


@verified_user_required
def conversation_detail(request, pk):
    conversation = get_object_or_404(
        Conversation.objects.select_related("lot__organisation", "reservation", "asker"), pk=pk
    )
    if not can_read_conversation(request.user, conversation):
        raise Http404
    taking_part = can_take_part(request.user, conversation)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not taking_part:
            raise Http404
        sent = _send(request, form, lambda body, photos: services.post_message(
            conversation, request.user, body, photos))  # fmt: skip
        if sent:
            return redirect(f"{conversation.get_absolute_url()}#message-{sent.pk}")
    elif taking_part:
        services.attach_latest_reservation(conversation)
        services.mark_read(conversation, request.user)
    context = {
        "conversation": conversation,
        "lot": conversation.lot,
        "thread": shown_messages(conversation),
        "form": form,
        "taking_part": taking_part,
        "moderating": can_moderate_conversation(request.user, conversation),
        "contacts_masked": not services.contacts_allowed(conversation),
    }
    return render(request, "annonces/conversations/conversation_detail.html", context,
                  status=_status(request, form))  # fmt: skip


@verified_user_required
def conversation_list(request):
    context = {"threads": threads_of(request.user)}
    return render(request, "annonces/conversations/conversation_list.html", context)


def _start(request, lot, asker, template_context):
    """The first message of a thread; once the thread exists, this page leads to it."""
    existing = services.thread_for(lot, asker)
    if existing is not None and request.method == "GET":
        return redirect(services.attach_latest_reservation(existing))
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        sent = _send(request, form, lambda body, photos: services.start_conversation(
            lot, asker, body, photos, author=request.user))  # fmt: skip
        if sent:
            messages.success(
                request, _("Message envoyé : vous serez prévenu par e-mail de la réponse.")
            )
            return redirect(f"{sent.conversation.get_absolute_url()}#message-{sent.pk}")
    context = {"lot": lot, "form": form, **template_context}
    return render(request, "annonces/conversations/start.html", context,
                  status=_status(request, form))  # fmt: skip


@verified_user_required
def lot_question(request, slug):
    """Poser une question: before reserving, the asker writes to the giving structure."""
    lot = get_object_or_404(Lot.objects.on_show().select_related("organisation"), slug=slug)
    return _start(request, lot, request.user, {"reservation": None})


@verified_user_required
def reservation_conversation(request, reference):
    """The reservation's thread: the asker's thread on that lot, opened by either side."""
    reservation = get_object_or_404(
        Reservation.objects.visible_to(request.user).select_related("lot__organisation"),
        reference=reference,
    )
    return _start(request, reservation.lot, reservation.requester, {"reservation": reservation})


@verified_user_required
def message_report(request, pk):
    message = get_object_or_404(Message.objects.select_related("conversation__lot"), pk=pk)
    if not can_take_part(request.user, message.conversation):
        raise Http404
    form = MessageReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.report_message(message, request.user, data["reason"], data["details"])
        messages.success(request, _("Merci : l'animation du réseau va lire cette conversation."))
        return redirect(message.conversation)
    context = {"message": message, "form": form, "shown": shown_messages(message.conversation)}
    return render(request, "annonces/conversations/report_form.html", context)


@require_POST
@verified_user_required
def message_hide(request, pk):
    message = get_object_or_404(Message.objects.select_related("conversation"), pk=pk)
    if not can_moderate_conversation(request.user, message.conversation):
        raise Http404
    services.hide_message(message, request.user)
    messages.success(request, _("Le message est masqué aux participants."))
    return redirect(message.conversation)


@verified_user_required
def reported_conversations(request):
    """The animators' list: reported threads only, never the others."""
    if not is_network_admin(request.user):
        raise Http404
    threads = (
        Conversation.objects.reported()
        .select_related("lot__organisation", "asker")
        .order_by("-last_message_at")
    )
    return render(request, "annonces/conversations/reported_list.html", {"threads": threads})
