"""The demo structures' weeks, as their free-text hours say, in OpenStreetMap's syntax."""

from datetime import time

from ..models import OpeningRange, Organisation
from ..pickups.hours import OSM_DAYS

# Slot length 30 min and two pickups per slot (the model's defaults) for every structure.
HOURS = {
    "emmaus-liberte": "Tu-Sa 09:00-17:00",
    "ressourcerie-du-spectacle": "Tu-Fr 10:00-17:00",
    "cyclofficine": "We 14:00-19:00; Sa 10:00-18:00",
    "rejoue": "Tu-Sa 11:00-19:00",
    "ecoreso-autonomie": "Mo-Fr 09:30-17:00",
    "la-pagaille": "We-Sa 11:00-19:00",
    "la-mine": "We-Sa 11:00-19:00",
    "chic-on-ressource": "Tu-Sa 09:30-12:30,14:00-18:00",
    "ressourcerie-rived": "Tu-Sa 09:00-17:30; Su 09:00-12:00",
    "recyclerie-portes-essonne": "Mo-Fr 08:00-16:00",
    "ateliers-de-la-bievre": "Mo-Fr 08:30-17:00",
    "ea-val-de-seine": "Mo-Fr 08:00-17:00",
    "la-varlope": "Tu-Sa 08:00-16:00",
    "materiautheque-grand-orly": "Mo-Fr 09:00-18:00",
    "ordi-solidaire-94": "Mo-Fr 07:30-16:30",
    "batir-seine-amont": "Mo-Fr 09:00-17:00",
}
DEFAULT = "We-Sa 11:00-19:00"
# The free-text hours become a note: only what the week cannot say stays.
NOTES = {
    "ressourcerie-du-spectacle": "Enlèvements sur rendez-vous.",
    "ecoreso-autonomie": "Sur rendez-vous.",
    "la-pagaille": "Ateliers le jeudi soir.",
    "ea-val-de-seine": "Sur rendez-vous.",
    "emmaus-liberte": "Ventes le mercredi et le samedi, 10 h – 18 h.",
    "cyclofficine": "Ateliers ouverts aux mêmes horaires.",
}


def parse(spec: str) -> list[tuple[int, time, time]]:
    """ "Tu-Sa 09:30-12:30,14:00-18:00; Su 09:00-12:00" as (weekday, opens, closes) ranges."""
    ranges = []
    for rule in spec.split(";"):
        days, hours = rule.split()
        first, _, last = days.partition("-")
        weekdays = range(OSM_DAYS.index(first), OSM_DAYS.index(last or first) + 1)
        for span in hours.split(","):
            opens, closes = (time.fromisoformat(t) for t in span.split("-"))
            ranges += [(day, opens, closes) for day in weekdays]
    return ranges


def give_hours(organisation: Organisation) -> None:
    """Opening ranges for a demo structure that has none; an admin's edits are kept."""
    if organisation.opening_ranges.exists():
        return
    OpeningRange.objects.bulk_create(
        OpeningRange(organisation=organisation, weekday=day, opens=opens, closes=closes)
        for day, opens, closes in parse(HOURS.get(organisation.slug, DEFAULT))
    )
    organisation.opening_hours = NOTES.get(organisation.slug, "")
    organisation.save(update_fields=["opening_hours"])
