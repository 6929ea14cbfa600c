"""The open backlog's bands. No ORM.

Rules:
- Age: calendar days from the task's received date to today (a task received today is 0
  days old). Bands: 0-7, 8-30, 31-90 and over 90 days. ``age_ranges`` turns each band
  into a range of received dates, so the count is a range read on that column.
- Share of the target used, from the clock state stored on the task (``routing.sla``):
  waiting for the business (the clock stands still and the deadline moves when the answer
  comes), no target, below the warning (today before the warning date), at the warning
  (from the warning date up to and including the deadline: at least the warning share, a
  setting, used) and over the target (today after the deadline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

# (key, first day, last day or None for no end)
AGE_BANDS = (
    ("0-7", 0, 7),
    ("8-30", 8, 30),
    ("31-90", 31, 90),
    ("91+", 91, None),
)

WAITING = "waiting"
NO_TARGET = "no_target"
BELOW_WARNING = "below_warning"
AT_WARNING = "at_warning"
OVER_TARGET = "over_target"
USE_BANDS = (BELOW_WARNING, AT_WARNING, OVER_TARGET, WAITING, NO_TARGET)


def use_label(key: str, warning_percent: int) -> str:
    labels = {
        BELOW_WARNING: _("Below %(percent)s %% of the target used"),
        AT_WARNING: _("%(percent)s-100 %% of the target used"),
        OVER_TARGET: _("Over the target"),
        WAITING: _("Waiting for the business (clock stopped)"),
        NO_TARGET: _("No service target"),
    }
    return str(labels[key]) % {"percent": warning_percent}


def age_label(key: str) -> str:
    for band, first, last in AGE_BANDS:
        if band == key:
            if last is None:
                return str(_("Over %(days)s days")) % {"days": first - 1}
            return str(_("%(first)s-%(last)s days")) % {"first": first, "last": last}
    raise KeyError(key)


@dataclass(frozen=True)
class ReceivedRange:
    key: str
    received_from: date | None  # None: no lower bound
    received_to: date


def age_ranges(today: date) -> list[ReceivedRange]:
    """Each age band as the received dates it covers on ``today``."""
    return [
        ReceivedRange(
            key=key,
            received_from=None if last is None else today - timedelta(days=last),
            received_to=today - timedelta(days=first),
        )
        for key, first, last in AGE_BANDS
    ]
