"""Pure rules and maths of free advice: no ORM, no settings, table-tested.

- how long a seat offered from the waiting list is held, and when it expires;
- how many people from the waiting list get a seat when seats come free;
- the weekly availability of an advisor, with exceptions, as concrete slots;
- fill rate, no-show rate and survival shares for the managers' figures.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .constants import OFFER_HOURS_DEFAULT, OFFER_HOURS_MIN

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def offer_hours(hours: int | None) -> int:
    """The hours an offer is held: the default when unset, never under the floor."""
    if hours is None:
        return OFFER_HOURS_DEFAULT
    return max(int(hours), OFFER_HOURS_MIN)


def offer_expires_at(offered_at: datetime, hours: int | None, starts_at: datetime) -> datetime:
    """When an offer made at ``offered_at`` lapses: after the hours held, but never after
    the session has started (a seat for a past session is worth nothing)."""
    return min(offered_at + timedelta(hours=offer_hours(hours)), starts_at)


def seats_to_offer(*, capacity: int, holding: int, waiting: int) -> int:
    """How many of the waiting list get a seat offered: the free seats, at most all who wait."""
    return max(0, min(capacity - holding, waiting))


@dataclass(frozen=True)
class Weekly:
    weekday: int  # 0 Monday … 6 Sunday
    start: time
    end: time
    slot_minutes: int
    valid_from: date
    valid_until: date | None = None


@dataclass(frozen=True)
class Away:
    """A day off (``start`` and ``end`` None) or part of a day."""

    day: date
    start: time | None = None
    end: time | None = None


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=COPENHAGEN)


def _blocked(start: datetime, end: datetime, away: Sequence[Away]) -> bool:
    for item in away:
        if item.day != start.date():
            continue
        if item.start is None or item.end is None:
            return True
        if start < _local(item.day, item.end) and _local(item.day, item.start) < end:
            return True
    return False


def expand_availability(
    rules: Iterable[Weekly], away: Sequence[Away], *, first: date, last: date
) -> list[tuple[datetime, datetime]]:
    """The slots ``rules`` give from ``first`` to ``last`` (inclusive) in Copenhagen time,
    without those an exception overlaps, sorted and without duplicates. A slot that would
    run past the rule's end time is not given. Times are wall-clock: a slot at 10:00 stays
    at 10:00 across the change to and from summer time."""
    slots: set[tuple[datetime, datetime]] = set()
    for rule in rules:
        if rule.slot_minutes <= 0:
            continue
        length = timedelta(minutes=rule.slot_minutes)
        day = max(first, rule.valid_from)
        end_day = min(last, rule.valid_until) if rule.valid_until else last
        day += timedelta(days=(rule.weekday - day.weekday()) % 7)
        while day <= end_day:
            start = _local(day, rule.start)
            stop = _local(day, rule.end)
            while start + length <= stop:
                if not _blocked(start, start + length, away):
                    slots.add((start, start + length))
                start += length
            day += timedelta(days=7)
    return sorted(slots)


def share(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to three places, None when there is nothing to divide."""
    if whole <= 0:
        return None
    return round(part / whole, 3)


def fill_rate(*, seats: int, taken: int) -> float | None:
    return share(min(taken, seats), seats)


def no_show_rate(*, expected: int, attended: int) -> float | None:
    """The share of those registered (attendance recorded) who did not come."""
    return share(max(expected - attended, 0), expected)


@dataclass(frozen=True)
class Checked:
    """One yearly check: a business started in ``started_year`` was (not) active in ``year``."""

    started_year: int
    year: int
    active: bool


def survival(checks: Iterable[Checked], *, after_years: Sequence[int] = (1, 2, 3)) -> dict:
    """``{k: share}``: among the businesses checked ``k`` years after they started, the
    share still active (None where none was checked)."""
    counts = {k: [0, 0] for k in after_years}
    for check in checks:
        age = check.year - check.started_year
        if age in counts:
            counts[age][1] += 1
            counts[age][0] += int(check.active)
    return {k: share(active, total) for k, (active, total) in counts.items()}
