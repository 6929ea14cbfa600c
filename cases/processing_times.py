"""Public processing times (issue 15, DESIGN.md §5): the rules of the figures. Pure: no ORM.

Rules:
- Period: the rolling last 12 months of whole days before the refresh: from the day after
  the same date a year before yesterday up to yesterday (Copenhagen dates; a 29 February
  a year back is read as 28 February). A task counts when its decision's date falls inside.
- What counts: decided department tasks with a service target; each task is one unit of
  the target (DESIGN.md §5), so a service decided by two departments counts both.
- Within target: the task's net time is at most its own target (the one copied at
  submission) in counted units: N business days, N calendar days, 7 N calendar days for
  N weeks. That is the deadline rule: the deadline is moved by the pauses, net leaves them out.
- Median: of net (and gross) time in the unit the service's target counts in, the middle
  value, or the mean of the two middle values for an even count (``percentile_cont(0.5)``).
  Not the mean: a few long cases would pull it far from what a typical applicant sees.
- Too few to report: with fewer decided tasks than the minimum (a setting,
  ``KES_PROCESSING_TIMES_MIN_DECIDED``, default 5) a service shows no figure, since one
  or two cases would make a misleading median and share.
- Share within target shown in whole percent, rounded down: never more than was achieved
  (199 of 200 is 99 %, not 100 %).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction

from routing.calendar import COUNTED_IN, target_units


def rolling_period(today: date) -> tuple[date, date]:
    """The 12 months of whole days that end yesterday: (first day, last day)."""
    end = today - timedelta(days=1)
    day = 28 if (end.month, end.day) == (2, 29) else end.day
    return date(end.year - 1, end.month, day) + timedelta(days=1), end


def counted_unit(unit: str) -> str:
    """The unit time is counted in for a target of ``unit`` (weeks count calendar days)."""
    return COUNTED_IN[unit]


def is_within_target(net: int, days: int, unit: str) -> bool:
    return net <= target_units(days, unit)


def is_reportable(decided: int, minimum: int) -> bool:
    return decided >= max(minimum, 1)


def percent_within(within: int, decided: int) -> int | None:
    """Whole percent of decided tasks within target, rounded down; None without any."""
    if decided <= 0:
        return None
    if not 0 <= within <= decided:
        raise ValueError("within must be between 0 and decided")
    return (100 * within) // decided


def median(values: Sequence[int]) -> Fraction | None:
    """The median as ``percentile_cont(0.5)`` gives it; for tests and checks of the SQL."""
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return None
    middle = n // 2
    if n % 2:
        return Fraction(ordered[middle])
    return Fraction(ordered[middle - 1] + ordered[middle], 2)
