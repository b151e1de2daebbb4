"""Small views around the page tree: robots.txt and the iCalendar exports."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reemploi.ical import ical_response

from .ical import calendar_for
from .models import EventPage


@require_GET
def robots_txt(request):
    # The admin lives under /gestion/: nothing there is meant for search engines.
    lines = [
        "User-agent: *",
        "Disallow: /gestion/",
        f"Sitemap: {request.build_absolute_uri(reverse('cms:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def agenda_ical(request):
    events = EventPage.objects.live().public().order_by("start", "pk")
    return ical_response(calendar_for(events, request, _("Agenda du réseau")), "agenda.ics")


@require_GET
def event_ical(request, page_id: int):
    event = EventPage.objects.live().public().filter(pk=page_id).first()
    if event is None:
        raise Http404(_("Cet événement n'existe pas ou n'est plus publié."))
    content = calendar_for([event], request, event.title)
    return ical_response(content, f"{event.slug}.ics")
