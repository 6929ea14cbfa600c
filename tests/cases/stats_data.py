"""Rows for the track and pilot figures' tests, written straight to the tables: the figures
read rows, and the flows that write them are tested elsewhere."""

import itertools
from datetime import date, datetime

from cases.constants import CaseStatus, Channel, Complexity, Milestone, TaskKind, TaskStatus, Track
from cases.models import Case, DepartmentTask, ImmediateAnswer, TaskMilestone
from routing.calendar import COPENHAGEN
from tests.factories import BusinessMembershipFactory, DepartmentFactory, UserFactory

_numbers = itertools.count(1)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=COPENHAGEN)


def member():
    """A business with one user of its own; returns (business, user)."""
    membership = BusinessMembershipFactory()
    return membership.business, membership.user


def staff(username="s-kes"):
    return UserFactory(username=username)


def case(
    business,
    by,
    received: date | datetime,
    *,
    track=Track.SELF_SERVICE,
    channel=Channel.DIGITAL,
    assisted_by=None,
    pilot=None,
    status=CaseStatus.IN_PROGRESS,
    departments=(),
    hour=10,
):
    """A case of ``business`` submitted by ``by``, with one open decision task per
    department code in ``departments``."""
    when = received if isinstance(received, datetime) else at(received, hour)
    row = Case.objects.create(
        reference=f"KES-T-{next(_numbers):06d}",
        business=business,
        channel=channel,
        track=track,
        complexity=Complexity.SIMPLE,
        status=status,
        description="Test",
        received_at=when,
        submitted_by=by,
        assisted_by=assisted_by,
        pilot=pilot,
        language="da",
    )
    for code in departments:
        task(row, code)
    return row


def task(case_row, code, *, status=TaskStatus.OPEN, breach=None, warning=None):
    """``breach``, ``warning``: when the sweep recorded that milestone (``TaskMilestone``)."""
    row = DepartmentTask.objects.create(
        case=case_row,
        department=DepartmentFactory(code=code),
        kind=TaskKind.DECISION,
        status=status,
        received_on=case_row.received_at.date(),
        target_days=10,
    )
    for milestone, reached_at in ((Milestone.BREACH, breach), (Milestone.WARNING, warning)):
        if reached_at is not None:
            TaskMilestone.objects.create(task=row, milestone=milestone, reached_at=reached_at)
    return row


def quick_answer(business, by, answered: date, topic: str, channel=Channel.DIGITAL):
    row = case(
        business, by, answered, track=Track.IMMEDIATE, channel=channel, status=CaseStatus.CLOSED
    )
    return ImmediateAnswer.objects.create(
        case=row, topic=topic, text="Svar", answered_by=by, answered_at=at(answered)
    )
