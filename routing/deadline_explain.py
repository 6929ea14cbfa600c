"""Why a deadline is what it is (DESIGN.md §5), from the clock's own inputs. Pure: no ORM.

``deadline_parts`` returns the parts the text is built from (``routing.deadline_text``
renders them with gettext in the reader's language):
- the received date, the target (N and its unit) and the first counted day (the received
  date never counts, so a task received on a Saturday counts from Monday);
- each pause with its units (finished pauses move the deadline; a running one will move it
  by the units it lasts) and the text of the request that caused it;
- the public holidays and municipal closing days skipped inside the counted span (weekdays
  only: weekends are not business days anyway), named by the ``holidays`` package in the
  reader's language where it has one (``da`` or ``en_US``), else by the closing day's code;
- the deadline itself, equal to ``deadline_after_paused_units`` with the finished pauses.
Calendar-day and weeks targets skip nothing: every day counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

import holidays

from .calendar import (
    BUSINESS,
    CLOSING_DAYS,
    COUNTED_IN,
    deadline_after_paused_units,
    is_business_day,
    units_between,
)
from .sla import add_counted_units

# The reader's language -> the holidays package's language code.
HOLIDAY_LANGUAGES = {"da": "da", "en": "en_US"}


class PauseInput(NamedTuple):
    start: date
    end: date | None
    text: str = ""


class PausePart(NamedTuple):
    start: date
    end: date | None
    units: int
    text: str


class SkippedDay(NamedTuple):
    day: date
    name: str


class DeadlineParts(NamedTuple):
    received: date
    counts_from: date
    days: int
    unit: str
    pauses: tuple[PausePart, ...]
    skipped: tuple[SkippedDay, ...]
    deadline: date

    @property
    def moved_units(self) -> int:
        return sum(pause.units for pause in self.pauses if pause.end is not None)


def _names(years: Iterable[int], language: str) -> dict[date, str]:
    code = HOLIDAY_LANGUAGES.get(language, "en_US")
    return dict(
        holidays.country_holidays(
            "DK", years=sorted(set(years)), categories=("public", "optional"), language=code
        )
    )


def _skipped(start: date, end: date, closing_days: Sequence[str], language: str):
    closed = {
        date(year, *CLOSING_DAYS[name]): name
        for year in range(start.year, end.year + 1)
        for name in closing_days
    }
    names = _names(range(start.year, end.year + 1), language)
    skipped = []
    for offset in range(1, (end - start).days + 1):
        day = start + timedelta(days=offset)
        if day.weekday() < 5 and not is_business_day(day, closing_days=closing_days):
            skipped.append(SkippedDay(day, names.get(day) or closed.get(day, "")))
    return tuple(skipped)


def deadline_parts(
    received: date,
    days: int,
    unit: str,
    pauses: Iterable[PauseInput] = (),
    *,
    today: date,
    closing_days: Sequence[str],
    language: str = "en",
) -> DeadlineParts:
    """The parts of the deadline's explanation; ``today`` measures a running pause."""
    closing_days = tuple(closing_days)
    counted = COUNTED_IN[unit]
    parts = []
    for pause in pauses:
        end = pause.end if pause.end is not None else max(today, pause.start)
        units = units_between(pause.start, end, counted, closing_days=closing_days)
        parts.append(PausePart(pause.start, pause.end, units, pause.text))
    moved = sum(part.units for part in parts if part.end is not None)
    due = deadline_after_paused_units(received, days, unit, moved, closing_days=closing_days)
    skipped = _skipped(received, due, closing_days, language) if counted == BUSINESS else ()
    return DeadlineParts(
        received=received,
        counts_from=add_counted_units(received, 1, unit, closing_days=closing_days),
        days=days,
        unit=unit,
        pauses=tuple(parts),
        skipped=skipped,
        deadline=due,
    )
