"""Alerts: a saved search asked again, through the same query API and backend as the page,
for the lots published since its last run; a lot is never told twice to one alert."""

from dataclasses import replace
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from annonces.alerts.emails import tell_of_new_lots
from annonces.models import Alert, AlertSentLot, Frequency
from annonces.permissions import is_professional

from .forms import LotSearchForm
from .query import Sort
from .service import lots_for, search_lots

CRITERIA = ("q", "lieu", "lat", "lon", "rayon", "categorie", "etat", "gratuit", "structure")
MAX_LOTS_PER_EMAIL = 20
# A lot reaches Elasticsearch through the outbox a little after its publication: looking back
# this far finds the late ones; the sent-lots table keeps them from being told twice.
LOOK_BACK = timedelta(days=2)
INTERVALS = {
    Frequency.IMMEDIATELY: timedelta(0),
    Frequency.DAILY: timedelta(hours=23),
    Frequency.WEEKLY: timedelta(days=7) - timedelta(hours=1),
}


def criteria_of(form: LotSearchForm) -> dict:
    """A valid search form's criteria as JSON, the place's centre included (no geocoding
    again at each run)."""
    data = form.cleaned_data
    criteria = {key: form.data.get(key, "") for key in ("q", "lieu")}
    if data.get("centre") is not None:
        criteria |= {"lat": data["centre"].lat, "lon": data["centre"].lon}
        criteria["rayon"] = data.get("rayon") or 10
    if data.get("categorie"):
        criteria["categorie"] = data["categorie"].slug
    if data.get("etat"):
        criteria["etat"] = list(data["etat"])
    if data.get("gratuit"):
        criteria["gratuit"] = "on"
    if data.get("structure"):
        criteria["structure"] = data["structure"].slug
    return {key: value for key, value in criteria.items() if value not in ("", None)}


def describe(form: LotSearchForm) -> str:
    """The criteria in words: « porte » · Bois · à 10 km de Vitry-sur-Seine."""
    data = form.cleaned_data
    parts = []
    if data.get("q"):
        parts.append(f"« {data['q']} »")
    if data.get("categorie"):
        parts.append(data["categorie"].name)
    if data.get("centre") is not None:
        place = form.place_label or data.get("lieu") or _("la position choisie")
        parts.append(
            _("à %(km)s km de %(place)s") % {"km": data.get("rayon") or 10, "place": place}
        )
    if data.get("etat"):
        parts.append(", ".join(str(dict(form.fields["etat"].choices)[e]) for e in data["etat"]))
    if data.get("gratuit"):
        parts.append(_("gratuit"))
    if data.get("structure"):
        parts.append(data["structure"].name)
    return " · ".join(parts) or _("Tous les lots")


def new_lots(alert: Alert, now, search=search_lots) -> list:
    """The visible lots matching the alert, published since it last ran, never told before."""
    form = LotSearchForm(alert.criteria)
    form.is_valid()  # a category or structure gone since: the rest of the criteria still counts
    since = max(alert.created_at, (alert.last_sent_at or alert.created_at) - LOOK_BACK)
    query = replace(
        form.to_query(include_professional=is_professional(alert.user)),
        published_after=since,
        sort=Sort.DATE,
        page=1,
        per_page=MAX_LOTS_PER_EMAIL + 50,
    )
    told = set(alert.sent_lots.values_list("lot_id", flat=True))
    lots = [lot for lot in lots_for(search(query)) if lot.pk not in told]
    return lots[:MAX_LOTS_PER_EMAIL]


def due_alerts(now):
    """The alerts whose frequency says it is time, not paused."""
    due = Q(last_sent_at__isnull=True)
    for frequency, interval in INTERVALS.items():
        due |= Q(frequency=frequency, last_sent_at__lte=now - interval)
    return Alert.objects.filter(due, paused=False, user__is_active=True)


def run_alert(alert_id: int, now=None, search=search_lots) -> int:
    """Run one alert under its row's lock (two workers never tell a lot twice); the count told."""
    now = now or timezone.now()
    with transaction.atomic():
        alert = due_alerts(now).select_for_update(skip_locked=True).filter(pk=alert_id).first()
        if alert is None:
            return 0
        lots = new_lots(alert, now, search)
        if lots:
            AlertSentLot.objects.bulk_create(AlertSentLot(alert=alert, lot=lot) for lot in lots)
            tell_of_new_lots(alert, lots)
        Alert.objects.filter(pk=alert.pk).update(last_sent_at=now)
    return len(lots)


@task()
def send_alerts() -> int:
    """Every alert that is due; the lots told in all."""
    now = timezone.now()
    return sum(run_alert(pk, now) for pk in due_alerts(now).values_list("pk", flat=True))
