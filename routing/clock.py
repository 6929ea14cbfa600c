"""The SLA clock of tasks and cases (DESIGN.md §5). Pure: no ORM, no settings.

Rules:
- Dates are Europe/Copenhagen dates; units are counted by ``routing.calendar``: the units d
  with start < d <= end, so the start date itself never counts.
- A task runs from its received date to its decision date, or to today while it is open.
  Gross = units over that span in the target's unit (business or calendar days).
  Paused = the units of its finished pauses (kept on the task as ``paused_units``) plus
  the running pause (``paused_since`` to the end), if any. Net = gross - paused, never
  below 0. A pause started and ended on the same day costs nothing.
- A case counts business days from its received date to its closing date, or to today
  while it is open. A business day d is paused for the case when at least one task is
  open on d and every task open on d waits for the applicant on d. A task is open on d
  when start < d <= done (or it is not done); a pause covers d when start < d <= end
  (no end: still running). So a day on which one task waits and another is worked on
  still counts, and overlapping pauses of two tasks count once. Case net = gross - paused.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from .calendar import business_days_between, is_business_day, units_between

Pause = tuple[date, date | None]


class TaskSpan(NamedTuple):
    """One task as the case clock sees it; any (start_on, done_on, pauses) tuple will do."""

    start_on: date
    done_on: date | None
    pauses: Sequence[Pause] = ()


class TaskDays(NamedTuple):
    gross: int
    net: int
    paused: int


def task_days(
    received_on: date,
    end_on: date,
    paused_units: int,
    paused_since: date | None,
    unit: str,
    *,
    closing_days: Iterable[str],
) -> TaskDays:
    """Gross, net and paused units of one task up to ``end_on`` (decision date or today)."""
    closing_days = tuple(closing_days)
    gross = units_between(received_on, end_on, unit, closing_days=closing_days)
    paused = paused_units
    if paused_since is not None:
        paused += units_between(paused_since, end_on, unit, closing_days=closing_days)
    return TaskDays(gross=gross, net=max(gross - paused, 0), paused=paused)


def _covers(start: date, end: date | None, day: date) -> bool:
    return start < day and (end is None or day <= end)


def _day_paused(day: date, tasks: Sequence[TaskSpan]) -> bool:
    open_tasks = [task for task in tasks if _covers(task.start_on, task.done_on, day)]
    return bool(open_tasks) and all(
        any(_covers(start, end, day) for start, end in task.pauses) for task in open_tasks
    )


def case_paused_days(
    received_on: date,
    end_on: date,
    tasks: Iterable[tuple[date, date | None, Sequence[Pause]]],
    *,
    closing_days: Iterable[str],
) -> int:
    """Business days d (received < d <= end) on which every open task waited."""
    closing_days = tuple(closing_days)
    spans = [TaskSpan(*task) for task in tasks]
    if not any(span.pauses for span in spans):
        return 0
    return sum(
        1
        for offset in range(1, (end_on - received_on).days + 1)
        if is_business_day(day := received_on + timedelta(days=offset), closing_days=closing_days)
        and _day_paused(day, spans)
    )


def case_net_days(
    received_on: date,
    end_on: date,
    tasks: Iterable[tuple[date, date | None, Sequence[Pause]]],
    *,
    closing_days: Iterable[str],
) -> int:
    """Business days from received to end, less the days every open task waited."""
    closing_days = tuple(closing_days)
    gross = business_days_between(received_on, end_on, closing_days=closing_days)
    return gross - case_paused_days(received_on, end_on, tasks, closing_days=closing_days)
