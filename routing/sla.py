"""Service-target milestones and the national clock (DESIGN.md §5). Pure: no ORM, no settings.

Rules:
- A target of N (business days, calendar days or weeks) holds ``target_units(N, unit)``
  counted units (a week is 7 calendar days); time is counted in ``COUNTED_IN[unit]``.
- Warning date: the day on which the task has used ceil(share x target units) counted
  units, with the units of its finished pauses added (the way the deadline moves). The
  share is a setting (``KES_SLA_WARNING_SHARE``, 0.75); it is read as a decimal string so
  that 0.75 x 10 is 7.5 and not 7.499…, and is rounded up: 8 of 10 business days.
- Milestones of an open task on ``today``: none while it waits for the applicant (its
  deadline moves when the pause ends); a breach when today is after the deadline (on the
  deadline day itself the task is still within target); otherwise a warning from the
  warning date on.
- Share of the target used = net / target units (may pass 1 once breached).
- National clock (the municipalities' common statistics): calendar days from the date the
  task was confirmed complete ("fuldt oplyst") to the decision, less the calendar days of
  its pauses inside that span. A task decided without a completeness check counts from its
  received date instead (the application was taken as complete as it came). A pause
  (start, end) covers the days d with start < d <= end, like every other span here.
- A request for information lapses when the business has not answered by its due date;
  it has lapsed n business days when the n-th business day after the due date has come
  (``lapse_cutoff`` turns that into a bound on the due date for a query).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction
from math import ceil

from .calendar import BUSINESS, COUNTED_IN, add_business_days, target_units

WARNING = "warning"
BREACH = "breach"
MILESTONES = (WARNING, BREACH)


def _share(share: float | str | Fraction) -> Fraction:
    value = Fraction(str(share)) if isinstance(share, float) else Fraction(share)
    if not 0 < value <= 1:
        raise ValueError("the warning share must be above 0 and at most 1")
    return value


def add_counted_units(start: date, n: int, unit: str, *, closing_days: Iterable[str]) -> date:
    """``n`` units after start, counted the way a target of ``unit`` counts its time."""
    if n < 0:
        raise ValueError("n must be >= 0")
    if COUNTED_IN[unit] == BUSINESS:
        return add_business_days(start, n, closing_days=closing_days)
    return start + timedelta(days=n)


def warning_units(days: int, unit: str, *, share: float | str | Fraction) -> int:
    """Counted units used when the warning is due: ceil(share x target units)."""
    return ceil(_share(share) * target_units(days, unit))


def warning_date(
    received: date,
    days: int,
    unit: str,
    paused_units: int = 0,
    *,
    share: float | str | Fraction,
    closing_days: Iterable[str],
) -> date:
    """The day the task reaches its warning milestone, finished pauses added."""
    units = warning_units(days, unit, share=share) + paused_units
    return add_counted_units(received, units, unit, closing_days=closing_days)


def milestone(
    today: date, warning_on: date | None, deadline_on: date | None, *, waiting: bool
) -> str | None:
    """The milestone an open task has reached on ``today``: BREACH, WARNING or None."""
    if waiting:
        return None
    if deadline_on is not None and today > deadline_on:
        return BREACH
    if warning_on is not None and today >= warning_on:
        return WARNING
    return None


def share_used(net: int, days: int, unit: str) -> Fraction:
    """Net units over target units (0 for a target of 0)."""
    total = target_units(days, unit)
    return Fraction(net, total) if total else Fraction(0)


def national_days(
    complete_on: date | None,
    received_on: date,
    decided_on: date,
    pauses: Iterable[tuple[date, date | None]],
) -> int:
    """Calendar days from complete (or received) to decided, less the paused days in between.

    A pause without an end runs to the decision. Overlapping pauses are counted once.
    """
    start = complete_on or received_on
    if decided_on <= start:
        return 0
    paused: set[date] = set()
    for pause_start, pause_end in pauses:
        first = max(pause_start, start)
        last = min(pause_end or decided_on, decided_on)
        paused.update(first + timedelta(days=i) for i in range(1, (last - first).days + 1))
    return (decided_on - start).days - len(paused)


def lapse_cutoff(today: date, n: int, *, closing_days: Iterable[str]) -> date:
    """The latest due date whose n-th business day after it is today or earlier: a request
    due on or before it has lapsed ``n`` business days ago (n == 0: today itself)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    day = today
    while add_business_days(day, n, closing_days=closing_days) > today:
        day -= timedelta(days=1)
    return day
