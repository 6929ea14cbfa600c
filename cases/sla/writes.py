"""The sweep's follow-ups as ``INSERT … SELECT``: the rows are built by the database from
the warned tasks' ids, so no model instance (and no parameter) is made per row in Python.
The statements are the same on PostgreSQL and SQLite but for two spellings: how an array
of ids is passed and the JSON object constructor.

The insert skips a key written before (``ON CONFLICT (key) DO NOTHING``), so a follow-up
exists once whichever of the sweep and ``follow_up_create`` writes it first. What is
spliced into the SQL is table names from the models' meta and the vendor's spelling; every
value (ids, texts, times) is a parameter.
"""
# ruff: noqa: S608

import json
from collections.abc import Sequence
from datetime import date, datetime

from django.db import connection

from ..constants import EventKind, FollowUpSource
from ..models import Case, CaseEvent, DepartmentTask, FollowUp

TASKS = DepartmentTask._meta.db_table
CASES = Case._meta.db_table
EVENTS = CaseEvent._meta.db_table
FOLLOW_UPS = FollowUp._meta.db_table


def _spelling() -> tuple[str, str]:
    """(the test that a column is in the ids parameter, the JSON object function)."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)", "jsonb_build_object"
    return "IN (SELECT value FROM json_each(%s))", "json_object"


def _ids(ids: Sequence[int]):
    return list(ids) if connection.vendor == "postgresql" else json.dumps(list(ids))


def _at(now: datetime):
    return connection.ops.adapt_datetimefield_value(now)


def pilot_follow_ups(*, ids, text: str, today: date, now: datetime) -> None:
    """The pilot's follow-up on each pilot case's warned task, keyed like
    ``follow_up_create``'s (``sla.warning:<task>``) so either writes it once, and the
    new follow-ups' events."""
    in_ids, obj = _spelling()
    insert = (
        f"INSERT INTO {FOLLOW_UPS} (case_id, task_id, assignee_id, department_id, "
        "created_by_id, source, text, due_on, key, created_at, done_at, done_by_id, done_note) "
        "SELECT t.case_id, t.id, c.pilot_id, NULL, NULL, %s, %s, COALESCE(t.deadline, %s), "
        f"'sla.warning:' || t.id, %s, NULL, NULL, '' FROM {TASKS} t "
        f"JOIN {CASES} c ON c.id = t.case_id WHERE c.pilot_id IS NOT NULL AND t.id {in_ids} "
        "ON CONFLICT (key) DO NOTHING RETURNING id"
    )
    day = connection.ops.adapt_datefield_value(today)
    with connection.cursor() as cursor:
        cursor.execute(insert, [FollowUpSource.MILESTONE, text, day, _at(now), _ids(ids)])
        created = [row[0] for row in cursor.fetchall()]
        if not created:
            return
        events = (
            f"INSERT INTO {EVENTS} (case_id, kind, at, actor_id, data, note) "
            f"SELECT f.case_id, %s, %s, NULL, {obj}('follow_up', f.id, 'task', f.task_id, "
            f"'due_on', CAST(f.due_on AS TEXT), 'source', f.source), '' FROM {FOLLOW_UPS} f "
            f"WHERE f.id {in_ids} ORDER BY f.id"
        )
        cursor.execute(events, [EventKind.FOLLOW_UP_CREATED, _at(now), _ids(created)])
