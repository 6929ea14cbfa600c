"""Medbetjening → selvbetjening: did a business that KES helped apply, apply digitally by
itself next time?

The rule (pure: plain values in, no ORM; ``cases.stats.tracks`` asks the same in SQL):

- An **assisted case** is a case on the ``assisted`` track, or one that reached KES by
  phone or at the counter on any track but ``immediate`` (an immediate answer settles a
  question; no application was made with help).
- A **self-service case** is a case that is not assisted, came in through the ``digital``
  channel, was submitted by a user of the business itself (no KES staff member registered
  it on the business's behalf) and is not an immediate question (it is an application).
- The **cohort** of a period: every business (one CVR number is one business) with at least
  one assisted case received in the period. Its **anchor** is its first assisted case
  received in the period.
- A business of the cohort **converted** when it has a self-service case received after
  its anchor (at any time up to now). It **came back assisted** when it has no such case
  but a later assisted one. Otherwise it **has not come back**.
"""

from dataclasses import dataclass
from datetime import datetime

from ..constants import ASSISTED_CHANNELS, Channel, Track

# Tracks that never count on either side: a question answered at once is no application.
NOT_AN_APPLICATION = (Track.IMMEDIATE,)

CONVERTED = "converted"
CAME_BACK_ASSISTED = "came_back_assisted"
NOT_BACK = "not_back"
OUTCOMES = (CONVERTED, CAME_BACK_ASSISTED, NOT_BACK)


@dataclass(frozen=True)
class Application:
    """What the rule reads of one case."""

    received_at: datetime
    channel: str
    track: str
    by_business_user: bool  # submitted by a user of the business, not by staff for it


def is_assisted(case: Application) -> bool:
    if case.track in NOT_AN_APPLICATION:
        return False
    return case.track == Track.ASSISTED or case.channel in ASSISTED_CHANNELS


def is_self_service(case: Application) -> bool:
    return (
        not is_assisted(case)
        and case.track not in NOT_AN_APPLICATION
        and case.channel == Channel.DIGITAL
        and case.by_business_user
    )


def conversion_outcome(anchor: datetime, later: list[Application]) -> str:
    """The outcome of a business whose first assisted case in the period was received at
    ``anchor``, given its other cases ``later`` (those not after the anchor are ignored)."""
    after = [case for case in later if case.received_at > anchor]
    if any(is_self_service(case) for case in after):
        return CONVERTED
    if any(is_assisted(case) for case in after):
        return CAME_BACK_ASSISTED
    return NOT_BACK


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a fraction; None when there is nothing to divide."""
    return part / whole if whole else None
