"""Recording a batch of milestones: the sweep's one write per due task.

``milestones_reach`` finds up to ``batch`` open tasks (not waiting) whose date for the
milestone has come (warning: the warning date; breach: the day after the deadline) and that
have no row for it yet, in the order of their partial index, and inserts their
``TaskMilestone`` rows. The primary key makes a milestone exist once: when two sweeps run
at once, the second waits for the first's rows and skips them (``ON CONFLICT DO NOTHING``),
so each milestone is notified by exactly one of them. What comes back is grouped by what
decides the recipients (department, caseworker, pilot), a handful of rows, not one per task.

On PostgreSQL it is one statement (the insert is a data-modifying CTE between the select and
the grouping); elsewhere (SQLite) a select, an insert and the grouping in Python.
"""
# ruff: noqa: S608

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection

from ..constants import OPEN_TASK_STATUSES, Milestone, TaskStatus
from ..models import Case, DepartmentTask, TaskMilestone

TASKS = DepartmentTask._meta.db_table
CASES = Case._meta.db_table
MILESTONES = TaskMilestone._meta.db_table

# (the task's date column, how it compares with today)
_DUE = {Milestone.WARNING: ("warning_on", "<="), Milestone.BREACH: ("deadline", "<")}


@dataclass
class Reached:
    """A batch: how many due tasks it saw, and the new milestones' tasks (ids in no
    particular order) by (department id, assignee id or None, the case's pilot id or None)."""

    due: int = 0
    groups: dict[tuple[int, int | None, int | None], list[int]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.groups.values())


def _due_sql(milestone: str) -> tuple[str, list]:
    column, compare = _DUE[milestone]
    statuses = ", ".join(["%s"] * len(OPEN_TASK_STATUSES))
    # The status list is the partial index's own predicate, so the planner can use it.
    sql = (
        f"SELECT t.id, t.department_id, t.assignee_id, t.case_id FROM {TASKS} t "
        f"WHERE t.status IN ({statuses}) AND t.status <> %s AND t.{column} {compare} %s "
        f"AND NOT EXISTS (SELECT 1 FROM {MILESTONES} m WHERE m.task_id = t.id "
        f"AND m.milestone = %s) ORDER BY t.{column}, t.id LIMIT %s"
    )
    return sql, [*OPEN_TASK_STATUSES, TaskStatus.WAITING]


def _day(today: date):
    return connection.ops.adapt_datefield_value(today)


def _at(now: datetime):
    return connection.ops.adapt_datetimefield_value(now)


def milestones_reach(*, milestone: str, today: date, now: datetime, batch: int) -> Reached:
    """Record ``milestone`` for the next ``batch`` due tasks that lack it (see above)."""
    if connection.vendor == "postgresql":
        return _reach_in_one(milestone, today, now, batch)
    return _reach_in_steps(milestone, today, now, batch)


def _reach_in_one(milestone, today, now, batch) -> Reached:
    due, params = _due_sql(milestone)
    sql = (
        f"WITH due AS ({due}), "
        f"new AS (INSERT INTO {MILESTONES} (task_id, milestone, reached_at) "
        "SELECT id, %s, %s FROM due ON CONFLICT DO NOTHING RETURNING task_id), "
        "counts AS (SELECT (SELECT count(*) FROM due) AS due, (SELECT count(*) FROM new) AS new), "
        # Only when another sweep held some of the due tasks are the new ones picked out of
        # them; otherwise every due task is new and no join is made. Only the cases with a
        # pilot are joined (a hash of the few), not one look-up per task.
        "groups AS (SELECT d.department_id, d.assignee_id, c.pilot_id, array_agg(d.id) AS ids "
        f"FROM due d LEFT JOIN (SELECT id, pilot_id FROM {CASES} WHERE pilot_id IS NOT NULL) c "
        "ON c.id = d.case_id WHERE (SELECT due = new FROM counts) "
        "OR d.id IN (SELECT task_id FROM new) "
        "GROUP BY d.department_id, d.assignee_id, c.pilot_id) "
        "SELECT (SELECT due FROM counts), g.department_id, g.assignee_id, g.pilot_id, g.ids "
        "FROM (SELECT 1) one LEFT JOIN groups g ON true"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, _day(today), milestone, batch, milestone, _at(now)])
        rows = cursor.fetchall()
    reached = Reached(due=rows[0][0])
    for _count, department, assignee, pilot, ids in rows:
        if ids:
            reached.groups[(department, assignee, pilot)] = list(ids)
    return reached


def _reach_in_steps(milestone, today, now, batch) -> Reached:
    due, params = _due_sql(milestone)
    with connection.cursor() as cursor:
        cursor.execute(due, [*params, _day(today), milestone, batch])
        rows = cursor.fetchall()
        if not rows:
            return Reached()
        cursor.executemany(
            f"INSERT INTO {MILESTONES} (task_id, milestone, reached_at) VALUES (%s, %s, %s) "
            "ON CONFLICT DO NOTHING",
            [(row[0], milestone, _at(now)) for row in rows],
        )
    new = set(
        TaskMilestone.objects.filter(
            task_id__in=[row[0] for row in rows], milestone=milestone, reached_at=now
        ).values_list("task_id", flat=True)
    )
    pilots = dict(
        Case.objects.filter(pk__in={row[3] for row in rows}).values_list("pk", "pilot_id")
    )
    groups: dict = defaultdict(list)
    for task_id, department, assignee, case_id in rows:
        if task_id in new:
            groups[(department, assignee, pilots.get(case_id))].append(task_id)
    return Reached(due=len(rows), groups=dict(groups))
