"""Business days and deadlines (DESIGN.md §5). Pure: no ORM, no settings.

Rules:
- Every date is a Europe/Copenhagen date; `local_date` turns an aware datetime into one.
- A business day is a weekday that is neither a Danish public holiday (from the `holidays`
  package, so nothing is hard-coded per year; Store Bededag stops being one from 2024) nor
  a municipal closing day. Closing days are given by name (`CLOSING_DAYS`); callers pass
  them, normally from `settings.KES_CLOSING_DAYS`. An unknown name raises ValueError.
- Deadline for N business days: the Nth business day after the received date; the
  received date itself never counts, even when it is a business day. For N calendar days:
  received date + N. For N weeks: received date + 7 N (a week is 7 calendar days).
- A weeks target is counted in calendar days: its gross, net and pauses are calendar days,
  and it holds 7 N of them (``target_units``).
- Units between two dates count the days d with start < d <= end (business days only for
  the business unit); 0 when end <= start. Gross time is units from received to decision.
- Each pause (start, end) moves the deadline by the units it lasted, measured the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

BUSINESS = "business"
CALENDAR = "calendar"
WEEKS = "weeks"
UNITS = (BUSINESS, CALENDAR, WEEKS)
# The unit time is counted in for a target of each unit.
COUNTED_IN = {BUSINESS: BUSINESS, CALENDAR: CALENDAR, WEEKS: CALENDAR}

# Name -> (month, day); these closings are decided by the municipality, not by law.
CLOSING_DAYS: dict[str, tuple[int, int]] = {
    "constitution_day": (6, 5),
    "christmas_eve": (12, 24),
    "new_years_eve": (12, 31),
}
DEFAULT_CLOSING_DAYS: tuple[str, ...] = ("constitution_day", "christmas_eve", "new_years_eve")

_SATURDAY = 5


def local_date(dt: datetime) -> date:
    """The Copenhagen calendar date of an aware datetime."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("local_date needs an aware datetime")
    return dt.astimezone(COPENHAGEN).date()


def _normalise(closing_days: Iterable[str]) -> tuple[str, ...]:
    if isinstance(closing_days, str):
        # A bare string would otherwise be split into single-letter "names".
        closing_days = (closing_days,)
    names = tuple(sorted(set(closing_days)))
    unknown = [name for name in names if name not in CLOSING_DAYS]
    if unknown:
        raise ValueError(f"Unknown closing day(s): {', '.join(unknown)}")
    return names


@lru_cache(maxsize=256)
def _closed_dates(year: int, closing_days: tuple[str, ...]) -> frozenset[date]:
    closed = set(holidays.country_holidays("DK", years=year))
    closed.update(date(year, *CLOSING_DAYS[name]) for name in closing_days)
    return frozenset(closed)


def _is_business_day(d: date, names: tuple[str, ...]) -> bool:
    return d.weekday() < _SATURDAY and d not in _closed_dates(d.year, names)


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValueError(f"Unknown unit {unit!r}; expected one of {UNITS}")


def is_business_day(d: date, *, closing_days: Iterable[str] = DEFAULT_CLOSING_DAYS) -> bool:
    return _is_business_day(d, _normalise(closing_days))


def add_business_days(
    start: date, n: int, *, closing_days: Iterable[str] = DEFAULT_CLOSING_DAYS
) -> date:
    """The nth business day after start (start itself never counts); n == 0 returns start."""
    if n < 0:
        raise ValueError("n must be >= 0")
    names = _normalise(closing_days)
    current = start
    while n:
        current += timedelta(days=1)
        if _is_business_day(current, names):
            n -= 1
    return current


def business_days_between(
    start: date, end: date, *, closing_days: Iterable[str] = DEFAULT_CLOSING_DAYS
) -> int:
    """Business days d with start < d <= end; 0 when end <= start."""
    names = _normalise(closing_days)
    return sum(
        _is_business_day(start + timedelta(days=i), names) for i in range(1, (end - start).days + 1)
    )


def calendar_days_between(start: date, end: date) -> int:
    return max(0, (end - start).days)


def target_units(days: int, unit: str) -> int:
    """How many counted units (business or calendar days) a target of ``days`` holds."""
    _check_unit(unit)
    return days * 7 if unit == WEEKS else days


def units_between(
    start: date, end: date, unit: str, *, closing_days: Iterable[str] = DEFAULT_CLOSING_DAYS
) -> int:
    """Counted units d with start < d <= end (calendar days for a weeks target)."""
    _check_unit(unit)
    if unit == BUSINESS:
        return business_days_between(start, end, closing_days=closing_days)
    return calendar_days_between(start, end)


def _add_units(start: date, n: int, unit: str, closing_days: Iterable[str]) -> date:
    """``n`` counted units after start (calendar days for a weeks target)."""
    _check_unit(unit)
    if unit == BUSINESS:
        return add_business_days(start, n, closing_days=closing_days)
    if n < 0:
        raise ValueError("days must be >= 0")
    return start + timedelta(days=n)


def deadline(
    received: date,
    days: int,
    unit: str,
    *,
    closing_days: Iterable[str] = DEFAULT_CLOSING_DAYS,
) -> date:
    """The Nth business day after received, received + N calendar days, or + N weeks."""
    return _add_units(received, target_units(days, unit), unit, closing_days)


def deadline_with_pauses(
    received: date,
    days: int,
    unit: str,
    pauses: Iterable[tuple[date, date]],
    *,
    closing_days: Iterable[str] = DEFAULT_CLOSING_DAYS,
) -> date:
    """The plain deadline moved on by every pause's length in the target's unit.

    A pause (start, end) lasts `units_between(start, end, unit)`: the units d with
    start < d <= end, so a pause started and ended on the same day costs nothing. The
    summed units are added after the plain deadline (business days skip closed days).
    Pauses are summed as given; callers must not pass overlapping pauses twice.
    """
    names = _normalise(closing_days)
    extra = sum(units_between(start, end, unit, closing_days=names) for start, end in pauses)
    return deadline_after_paused_units(received, days, unit, extra, closing_days=names)


def deadline_after_paused_units(
    received: date,
    days: int,
    unit: str,
    paused_units: int,
    *,
    closing_days: Iterable[str] = DEFAULT_CLOSING_DAYS,
) -> date:
    """The plain deadline moved on by ``paused_units`` units (already counted pauses)."""
    names = _normalise(closing_days)
    return _add_units(deadline(received, days, unit, closing_days=names), paused_units, unit, names)
