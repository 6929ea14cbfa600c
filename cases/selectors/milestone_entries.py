"""The service-target milestones as lines of the case's history, for the staff case page's
timeline and the audit-trail page.

The sweep used to add an audit event per task and milestone (``EventKind.SLA_WARNING`` /
``SLA_BREACHED``, data ``{"task", "deadline"}``); since ``TaskMilestone`` the row is the
record, so the history reads it beside the events. A ``MilestoneEntry`` carries what the
event table and ``EventSummaries`` read of an event, so a milestone is worded exactly as the
old events were and both kinds go through one template. A case migrated by ``cases/0018``
has both an old event and a row for the same milestone: the event is shown, the row not.

The business's timeline does not show milestones: it never showed the SLA events
(``BUSINESS_TIMELINE_EVENTS``).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..constants import EventKind, Milestone
from ..models import DepartmentTask, TaskMilestone

EVENT_KIND = {Milestone.WARNING: EventKind.SLA_WARNING, Milestone.BREACH: EventKind.SLA_BREACHED}
SLA_KINDS = frozenset(EVENT_KIND.values())


@dataclass(eq=False)
class MilestoneEntry:
    """A milestone read like a ``CaseEvent`` by the history's templates and summaries."""

    at: datetime.datetime
    kind: str
    task: DepartmentTask
    data: dict = field(default_factory=dict)
    # The sweep is nobody: the table shows "system", as for the old events.
    actor: None = None
    note: str = ""
    pk: None = None
    summary: str = ""

    def get_kind_display(self) -> str:
        return str(EventKind(self.kind).label)


def _entry(task: DepartmentTask, milestone: str, reached_at) -> MilestoneEntry:
    deadline = task.deadline.isoformat() if task.deadline else None
    return MilestoneEntry(
        at=reached_at,
        kind=EVENT_KIND[milestone],
        task=task,
        data={"task": task.pk, "deadline": deadline},
    )


def milestone_entries(
    tasks: Iterable[DepartmentTask], *, since=None, before=None, latest: int | None = None
) -> list[MilestoneEntry]:
    """The milestones of ``tasks`` (already loaded: their department and deadline are read
    from them) reached in ``[since, before)``, newest first, at most ``latest``: one query
    on the milestones' primary key, none without tasks."""
    by_pk = {task.pk: task for task in tasks}
    if not by_pk:
        return []
    rows = TaskMilestone.objects.filter(task_id__in=list(by_pk))
    if since is not None:
        rows = rows.filter(reached_at__gte=since)
    if before is not None:
        rows = rows.filter(reached_at__lt=before)
    rows = rows.order_by("-reached_at", "-task_id", "milestone").values_list(
        "task_id", "milestone", "reached_at"
    )
    if latest is not None:
        rows = rows[:latest]
    return [_entry(by_pk[task_id], milestone, at) for task_id, milestone, at in rows]


def with_milestones(events: list, milestones: list[MilestoneEntry], *, limit=None) -> list:
    """``events`` (newest first) with ``milestones`` in their place in time, newest first,
    cut to ``limit``. A milestone an old SLA event in ``events`` already records (same task
    and kind) is left out."""
    recorded = {
        (event.data.get("task"), event.kind)
        for event in events
        if event.kind in SLA_KINDS and isinstance(event.data, dict)
    }
    extra = [entry for entry in milestones if (entry.task.pk, entry.kind) not in recorded]
    if not extra:
        return events[:limit] if limit is not None else events
    # A stable sort: the events keep their (at, id) order, a milestone follows an event of
    # the same instant.
    merged = sorted([*events, *extra], key=lambda entry: entry.at, reverse=True)
    return merged[:limit] if limit is not None else merged
