"""The database side: which database, its ids, the ``COPY`` columns, wiping it."""

import json
import os
import sys
from functools import cache
from urllib.parse import urlparse


def database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def check_url(url: str) -> None:
    if not url:
        sys.exit("bench.generate: no database: pass --database-url or set DATABASE_URL")
    scheme = urlparse(url).scheme
    if not scheme.startswith("postgres"):
        sys.exit(f"bench.generate: refusing {scheme or 'this'} database: PostgreSQL only")
    name = database_name(url)
    if not name or name == "test" or name.startswith("test_"):
        sys.exit(f"bench.generate: refusing the test database {name!r}")


def ensure_database(url: str) -> bool:
    """Create the database if it does not exist; True when it was created."""
    import psycopg
    from psycopg import sql

    name = database_name(url)
    parts = urlparse(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kes.settings")
    os.environ.setdefault("CONN_MAX_AGE", "0")
    import django

    django.setup()


class Ids:
    """The next id of each table (given out here, sequences set at the end)."""

    def __init__(self, cursor, tables):
        self.next = {}
        for table in tables:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 (own names)
            self.next[table] = cursor.fetchone()[0] + 1

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


TABLE_COLUMNS = {
    "cases_case": [
        "id",
        "reference",
        "business_id",
        "channel",
        "track",
        "complexity",
        "status",
        "description",
        "star_meeting_requested",
        "help_requested",
        "received_at",
        "created_at",
        "closed_at",
        "submitted_by_id",
        "assisted_by_id",
        "shown_topics",
        "language",
    ],
    "cases_caseservice": [
        "id",
        "case_id",
        "service_id",
        "answers",
        "position",
        "target_days",
        "target_unit",
    ],
    "cases_caseservice_departments": ["id", "caseservice_id", "department_id"],
    "cases_case_departments": ["id", "case_id", "department_id"],
    "cases_casereason": ["id", "case_id", "code", "text_da", "text_en", "position"],
    "cases_immediateanswer": [
        "id",
        "case_id",
        "topic",
        "text",
        "services",
        "answered_by_id",
        "answered_at",
    ],
    "cases_departmenttask": [
        "id",
        "case_id",
        "case_service_id",
        "department_id",
        "kind",
        "status",
        "assignee_id",
        "received_on",
        "target_days",
        "target_unit",
        "deadline",
        "paused_units",
        "paused_since",
        "created_at",
        "completed_at",
        "complete_on",
        "warning_on",
    ],
    # After the tasks they belong to (primary key task + milestone: no id of their own).
    "cases_taskmilestone": ["task_id", "milestone", "reached_at"],
    "cases_informationrequest": [
        "id",
        "task_id",
        "text",
        "due_on",
        "requested_by_id",
        "requested_at",
        "answered_at",
        "notified_at",
    ],
    "cases_decision": [
        "id",
        "task_id",
        "outcome",
        "statement",
        "conditions",
        "provisions",
        "way_forward",
        "alternatives",
        "complaint",
        "decided_by_id",
        "decided_at",
        "gross_units",
        "net_units",
        "national_days",
        "department_id",
        "service_id",
        "case_id",
        "track",
        "channel",
        "has_target",
        "within_target",
        "requests",
    ],
    "cases_caseevent": ["id", "case_id", "kind", "at", "actor_id", "data", "note"],
    "cases_letter": ["id", "case_id", "kind", "language", "file", "created_at", "sent_at"],
    "cases_casemessage": [
        "id",
        "case_id",
        "author_id",
        "from_business",
        "text",
        "information_request_id",
        "created_at",
        "notified_at",
    ],
    "cases_internalnote": ["id", "case_id", "task_id", "author_id", "text", "created_at"],
}

WIPE_TABLES = [
    "viewflow_task",
    "viewflow_process",
    "cases_caseevent",
    # No foreign key to its task (cases.models.milestones), so the CASCADE does not reach it.
    "cases_taskmilestone",
    "cases_case",
    "cases_business",
    "kes_notification",
    "cases_referencecounter",
    "kes_user",
]


def wipe(connection) -> None:
    with connection.cursor() as cur:
        existing = set(connection.introspection.table_names(cur))
        tables = [t for t in WIPE_TABLES if t in existing]
        cur.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def case_count(connection) -> int:
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM cases_case")
        return cur.fetchone()[0]


@cache
def column_defaults(table: str, columns: tuple[str, ...]) -> dict[str, object]:
    """The NOT NULL columns of ``table``'s model that ``columns`` leave out, with the model
    field's default as ``COPY`` writes it: fields added since the generator was written
    (a phone on users, reminder counts, …) do not break it."""
    from django.apps import apps
    from django.db import connection
    from django.db.models import JSONField

    given = set(columns)
    for model in apps.get_models():
        if model._meta.db_table == table:
            break
    else:
        return {}
    defaults = {}
    for field in model._meta.concrete_fields:
        if field.column in given or field.null or field.primary_key:
            continue
        value = field.get_default()
        if isinstance(field, JSONField):
            defaults[field.column] = json.dumps(value)
        elif value is not None:
            defaults[field.column] = field.get_db_prep_save(value, connection)
    return defaults
