"""The service-target clock state of a generated task, as the application would have kept it.

Rules (the application's own, from ``routing.sla`` and ``cases.sla``):
- ``warning_on``: ``routing.sla.warning_date`` of the task's target with its finished pauses
  (``paused_units``) and the share ``KES_SLA_WARNING_SHARE``; none without a target.
- ``complete_on`` ("fuldt oplyst", the national clock's start): set by the completeness
  check, so none on a task still ``open`` (not yet checked); on a task in review, waiting
  or done it is the received date or a few days later (never after the decision or the
  start of the running pause); one decided task in ten was decided without a check (none).
- ``milestones``: the ``TaskMilestone`` rows (``warning``, ``breach``) the sweep wrote. It
  runs every 15 minutes, so a milestone is reached just after midnight (Copenhagen) of its
  first day: the warning date, the day after the deadline. It is recorded only if the task
  was still open and not waiting then (before its decision, before the running pause
  started, before now).
- ``Decision.national_days``: ``routing.sla.national_days`` from ``complete_on`` (or the
  received date) to the decision date, less the days of the task's answered request.

The draws come from the generator's own ``clock_rng`` (seeded from the seed, separate from
``rng``): the rows the generator wrote before these fields existed stay the same.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from cases.constants import Milestone
from routing.sla import national_days

from .constants import COPENHAGEN

# Days from received to complete: mostly the same day, sometimes a few days later.
COMPLETE_AFTER = (0, 0, 0, 0, 1, 1, 2, 3, 5, 8)
SWEEP_DELAY = timedelta(minutes=10)


def notified(day: date | None, end: datetime) -> datetime | None:
    """When the sweep notified a milestone whose first day is ``day``, if before ``end``."""
    if day is None:
        return None
    at = datetime.combine(day, time.min, COPENHAGEN) + SWEEP_DELAY
    return at if at < end else None


def complete_date(rng, status: str, received_on: date, last_on: date) -> date | None:
    """The completeness check's date, at most ``last_on`` (decision or pause start)."""
    if status == "open":
        return None
    if status == "done" and rng.random() < 0.1:
        return None
    return min(received_on + timedelta(days=rng.choice(COMPLETE_AFTER)), last_on)


def task_clock(
    gen, t, *, status, received_on, deadline_on, paused_units, paused_at, end_at
) -> dict:
    """``complete_on``, ``warning_on`` and ``milestones`` (``(milestone, reached_at)`` of
    those reached) of task ``t``.

    ``paused_at`` is when a running pause began (a WAITING task), ``end_at`` the decision
    time of a done task or now.
    """
    stop = paused_at or end_at
    last_on = stop.astimezone(COPENHAGEN).date()
    warning_on = gen.warning_on(received_on, t["target_days"], t["target_unit"], paused_units)
    reached = {
        Milestone.WARNING.value: notified(warning_on, stop),
        Milestone.BREACH.value: notified(
            deadline_on + timedelta(days=1) if deadline_on else None, stop
        ),
    }
    return {
        "complete_on": complete_date(gen.clock_rng, status, received_on, last_on),
        "warning_on": warning_on,
        "milestones": [(name, at) for name, at in reached.items() if at is not None],
    }


def decision_national_days(clock: dict, received_on: date, decided_at, pause) -> int:
    """The national clock of a decided task; ``pause`` is its answered request's
    (asked, answered) dates or None."""
    decided_on = decided_at.astimezone(COPENHAGEN).date()
    return national_days(clock["complete_on"], received_on, decided_on, [pause] if pause else [])
