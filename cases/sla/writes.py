"""The sweep's writes as ``INSERT … SELECT``: the rows a batch causes are built by the
database from the locked tasks' ids, so no model instance (and no parameter) is made per
row in Python. The statements are the same on PostgreSQL and SQLite but for two spellings:
how an array of ids is passed and the JSON object constructor.

Every insert skips a key written before (``ON CONFLICT (key) DO NOTHING``); with the marks
on the tasks that is what makes a milestone notified once, even by two sweeps at once.
What is spliced into the SQL is table names from the models' meta, the milestone's name and
the vendor's spelling; every value (ids, texts, times) is a parameter.
"""
# ruff: noqa: S608

import json
from collections.abc import Sequence
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import connection

from kes.services import notices_insert_select
from routing.constants import MembershipRole
from routing.models import DepartmentMembership

from ..constants import EventKind, FollowUpSource
from ..models import Case, CaseEvent, DepartmentTask, FollowUp

TASKS = DepartmentTask._meta.db_table
CASES = Case._meta.db_table
EVENTS = CaseEvent._meta.db_table
FOLLOW_UPS = FollowUp._meta.db_table
MEMBERS = DepartmentMembership._meta.db_table


def _users() -> tuple[str, str]:
    user = get_user_model()
    return user._meta.db_table, user.groups.through._meta.db_table


def _spelling() -> tuple[str, str]:
    """(the test that a column is in the ids parameter, the JSON object function)."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)", "jsonb_build_object"
    return "IN (SELECT value FROM json_each(%s))", "json_object"


def _ids(ids: Sequence[int]):
    return list(ids) if connection.vendor == "postgresql" else json.dumps(list(ids))


def _at(now: datetime):
    return connection.ops.adapt_datetimefield_value(now)


def _notices(milestone: str, people: list[tuple[str, list]], *, ids, kind, url, now):
    """Insert the notices of ``milestone`` for the batch: one per (task, person) that the
    ``people`` SELECTs (``task_id, user_id``, with their parameters) yield."""
    in_ids, obj = _spelling()
    union = " UNION ".join(sql for sql, _params in people)
    payload = (
        f"{obj}('task', t.id, 'case', t.case_id, 'reference', c.reference, "
        f"'milestone', '{milestone}', 'deadline', CAST(t.deadline AS TEXT), "
        f"'warning_on', CAST(t.warning_on AS TEXT))"
    )
    sql = (
        f"SELECT p.user_id, %s, 'sla.{milestone}:' || t.id || ':' || p.user_id, {payload}, "
        f"%s || t.id || %s, %s FROM ({union}) p JOIN {TASKS} t ON t.id = p.task_id "
        f"JOIN {CASES} c ON c.id = t.case_id WHERE t.id {in_ids}"
    )
    head, tail = url
    params = [kind, head, tail, _at(now)]
    for _sql, people_params in people:
        params += people_params
    params.append(_ids(ids))
    return notices_insert_select(select_sql=sql, params=params)


def _members(role: str, ids) -> tuple[str, list]:
    in_ids, _ = _spelling()
    users, _groups = _users()
    sql = (
        f"SELECT t2.id AS task_id, m.user_id AS user_id FROM {TASKS} t2 "
        f"JOIN {MEMBERS} m ON m.department_id = t2.department_id "
        f"JOIN {users} u ON u.id = m.user_id AND u.is_active "
        f"WHERE m.role = %s AND t2.id {in_ids}"
    )
    return sql, [role, _ids(ids)]


def warning_notices(*, ids, kind, url, now) -> list[tuple[int, int]]:
    """The warning's notices: the assignee, or while nobody has taken the task the
    department's active caseworkers. Returns (notice id, recipient id) of the new ones."""
    in_ids, _ = _spelling()
    assignee = (
        f"SELECT t2.id AS task_id, t2.assignee_id AS user_id FROM {TASKS} t2 "
        f"WHERE t2.assignee_id IS NOT NULL AND t2.id {in_ids}"
    )
    unassigned, params = _members(MembershipRole.CASEWORKER, ids)
    people = [(assignee, [_ids(ids)]), (unassigned + " AND t2.assignee_id IS NULL", params)]
    return _notices("warning", people, ids=ids, kind=kind, url=url, now=now)


def breach_notices(*, ids, kind, url, now, kes_group: str) -> list[tuple[int, int]]:
    """The breach's notices: the department's active leads, the active KES staff and the
    case's pilot. Returns (notice id, recipient id) of the new ones."""
    in_ids, _ = _spelling()
    users, groups = _users()
    kes = (
        f"SELECT t2.id AS task_id, g.user_id AS user_id FROM {TASKS} t2 CROSS JOIN {groups} g "
        "JOIN auth_group ag ON ag.id = g.group_id "
        f"JOIN {users} u ON u.id = g.user_id AND u.is_active "
        f"WHERE ag.name = %s AND t2.id {in_ids}"
    )
    pilot = (
        f"SELECT t2.id AS task_id, c2.pilot_id AS user_id FROM {TASKS} t2 "
        f"JOIN {CASES} c2 ON c2.id = t2.case_id WHERE c2.pilot_id IS NOT NULL AND t2.id {in_ids}"
    )
    people = [
        _members(MembershipRole.LEAD, ids),
        (kes, [kes_group, _ids(ids)]),
        (pilot, [_ids(ids)]),
    ]
    return _notices("breach", people, ids=ids, kind=kind, url=url, now=now)


def milestone_events(*, ids, kind: str, now: datetime) -> None:
    """One audit event per task of the batch."""
    in_ids, obj = _spelling()
    sql = (
        f"INSERT INTO {EVENTS} (case_id, kind, at, actor_id, data, note) "
        f"SELECT t.case_id, %s, %s, NULL, {obj}('task', t.id, 'deadline', "
        f"CAST(t.deadline AS TEXT)), '' FROM {TASKS} t WHERE t.id {in_ids} ORDER BY t.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, _at(now), _ids(ids)])


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
