"""A task's notified breach as the readers ask for it: its ``TaskMilestone`` row
(``milestone="breach"``, at most one per task: the primary key is task and milestone).

Conditions are subqueries of the milestone table, never a join of it, so no task is counted
or listed twice (a task with a warning and a breach has two rows there). ``breach_task_ids``
is uncorrelated: inside an ``OR`` PostgreSQL reads it once (on ``cases_milestone_breached``
when it has a period) and probes a hash, where a correlated ``EXISTS`` would run per task.
"""

from datetime import datetime

from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet

from ..constants import Milestone
from ..models import TaskMilestone


def breaches(*, start: datetime | None = None, end: datetime | None = None) -> QuerySet:
    """The breach rows, notified in ``[start, end)`` when given."""
    rows = TaskMilestone.objects.filter(milestone=Milestone.BREACH)
    if start is not None:
        rows = rows.filter(reached_at__gte=start)
    if end is not None:
        rows = rows.filter(reached_at__lt=end)
    return rows


def breach_task_ids(**period) -> QuerySet:
    """The ids of the tasks whose breach was notified (in the period): for ``pk__in``."""
    return breaches(**period).values("task_id")


def breach_notified() -> Exists:
    """True on a task (``OuterRef("pk")``) whose breach was notified: for ``annotate``."""
    return Exists(breaches().filter(task=OuterRef("pk")))


def with_breach(tasks: QuerySet, name: str = "breach") -> QuerySet:
    """``tasks`` with their breach row joined as ``name`` (``name__reached_at``, None
    without one): one outer join on the primary key, no row per task multiplied."""
    return tasks.annotate(
        **{
            name: FilteredRelation(
                "milestones", condition=Q(milestones__milestone=Milestone.BREACH)
            )
        }
    )
