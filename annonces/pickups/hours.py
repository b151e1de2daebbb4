"""A structure's week read once: open or closed on a day, its slot starts, and how to say it
(in French for people, in OpenStreetMap's opening_hours syntax for machines)."""

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import holidays
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Organisation, Weekday

OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
OSM_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
NBSP = "\u00a0"


@functools.lru_cache(maxsize=8)
def _french_holidays(year: int):
    # Metropolitan France: the two extra Alsace-Moselle days are not the territory's.
    return holidays.France(years=year, language="fr")


def public_holiday(day: date) -> str:
    """The French public holiday's name on that day, or ""."""
    return _french_holidays(day.year).get(day, "")


def french_time(minutes: int) -> str:
    """11 h, 9 h 30, 24 h: the French way, with non-breaking spaces."""
    hours, rest = divmod(minutes, 60)
    return f"{hours}{NBSP}h{NBSP}{rest:02d}" if rest else f"{hours}{NBSP}h"


def _osm_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class DayHours:
    """Consecutive weekdays that share the same ranges, e.g. Wednesday to Saturday 11–19."""

    first: int
    last: int
    ranges: tuple[tuple[int, int], ...]

    @property
    def days_label(self) -> str:
        first = Weekday(self.first).label.capitalize()
        if self.first == self.last:
            return first
        if self.last == self.first + 1:
            return _("%(first)s et %(last)s") % {"first": first, "last": Weekday(self.last).label}
        return _("Du %(first)s au %(last)s") % {
            "first": Weekday(self.first).label,
            "last": Weekday(self.last).label,
        }

    @property
    def hours_label(self) -> str:
        return ", ".join(f"{french_time(a)} – {french_time(b)}" for a, b in self.ranges)

    @property
    def osm(self) -> str:
        days = OSM_DAYS[self.first]
        if self.last > self.first:
            days += ("," if self.last == self.first + 1 else "-") + OSM_DAYS[self.last]
        return f"{days} " + ",".join(f"{_osm_time(a)}-{_osm_time(b)}" for a, b in self.ranges)


class Schedule:
    """A structure's week, closures and slot settings, read in a few queries. Given a lot
    whose pickup place has its own week, that week replaces the structure's."""

    def __init__(self, organisation: Organisation, lot=None):
        self.organisation = organisation
        self.length = timedelta(minutes=organisation.slot_minutes)
        self.capacity = organisation.slot_capacity
        self.week: dict[int, list[tuple[int, int]]] = {day: [] for day in range(7)}
        ranges = list(lot.place_opening_ranges.all()) if lot else []
        self.own_place = bool(ranges)
        for opening in ranges or organisation.opening_ranges.all():
            self.week[opening.weekday].append(opening.minutes)
        for ranges in self.week.values():
            ranges.sort()
        self.closures = list(organisation.closures.all())

    @property
    def is_set(self) -> bool:
        """Whether the structure gave any opening range: without one nothing is bookable."""
        return any(self.week.values())

    def closed_reason(self, day: date) -> str:
        """Why the structure is closed that whole day (a holiday, a closure), or "" if not."""
        for closure in self.closures:
            if closure.starts_on <= day <= closure.ends_on:
                return closure.reason or str(_("fermeture exceptionnelle"))
        holiday = public_holiday(day)
        if holiday and not self.organisation.open_on_public_holidays:
            return _("%(name)s, jour férié") % {"name": holiday}
        if not self.week[day.weekday()]:
            return _("fermée le %(day)s") % {"day": Weekday(day.weekday()).label}
        return ""

    def starts(self, day: date) -> list[datetime]:
        """Every slot start of the day in the site's time zone, closed days giving none."""
        if self.closed_reason(day):
            return []
        step = self.organisation.slot_minutes
        midnight = datetime.combine(day, time(0))
        found = []
        for opens, closes in self.week[day.weekday()]:
            for minute in range(opens, closes - step + 1, step):
                found.append(timezone.make_aware(midnight + timedelta(minutes=minute)))
        return found

    def slot_start(self, moment: datetime) -> datetime | None:
        """The start of the slot holding that moment, or None outside the opening ranges."""
        local = timezone.localtime(moment)
        for start in self.starts(local.date()):
            if start <= moment < start + self.length:
                return start
        return None

    def grouped(self) -> list[DayHours]:
        """The open weekdays, consecutive days with the same ranges taken together."""
        groups: list[DayHours] = []
        for day in range(7):
            ranges = tuple(self.week[day])
            if not ranges:
                continue
            last = groups[-1] if groups else None
            if last and last.last == day - 1 and last.ranges == ranges:
                groups[-1] = DayHours(last.first, day, ranges)
            else:
                groups.append(DayHours(day, day, ranges))
        return groups

    def upcoming_closures(self, today: date | None = None):
        today = today or timezone.localdate()
        return [closure for closure in self.closures if closure.ends_on >= today]

    def osm(self, today: date | None = None) -> str:
        """OpenStreetMap's opening_hours: "We-Sa 11:00-19:00; PH off; 2026 Aug 01-2026 Aug 31
        off"; later rules override earlier ones, so closures come last. "" when unknown."""
        if not self.is_set:
            return ""
        rules = [group.osm for group in self.grouped()]
        if not self.organisation.open_on_public_holidays:
            rules.append("PH off")
        for closure in self.upcoming_closures(today):
            rules.append(f"{_osm_date(closure.starts_on)}-{_osm_date(closure.ends_on)} off")
        return "; ".join(rules)


def _osm_date(day: date) -> str:
    return f"{day.year} {OSM_MONTHS[day.month - 1]} {day.day:02d}"
