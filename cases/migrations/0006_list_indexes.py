"""Indexes in the order of the long lists, so that a page reads one page of index entries:

- every case newest received first (the staff list) and a business's cases (Mine sager),
  both with the id as tiebreak (the business index replaces ``cases_case_business_recv``);
- the department queue (open, untaken tasks) and the inbox (open tasks) as partial indexes
  in their order: deadline (nulls last), received, created, id;
- on PostgreSQL only, a trigram index on ``UPPER(name)`` of businesses for the staff list's
  name search (``icontains``); SQLite, the embedded default, has no trigram index.

The search by reference uses the reference's own ``varchar_pattern_ops`` index (prefix match).
"""

from django.conf import settings
from django.db import migrations, models

TRIGRAM_INDEX = "cases_business_name_trgm"


def _postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def add_trigram_index(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON cases_business "
            "USING gin (UPPER(name) gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_event_timeline_index"),
        ("routing", "0001_organisation_and_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="case", name="cases_case_business_recv"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["-received_at", "-id"], name="cases_case_received"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["business", "-received_at", "-id"], name="cases_case_business_list"
            ),
        ),
        migrations.AddIndex(
            model_name="departmenttask",
            index=models.Index(
                condition=models.Q(
                    ("assignee__isnull", True), ("status__in", ("open", "in_review", "waiting"))
                ),
                fields=["department", "deadline", "received_on", "created_at", "id"],
                name="cases_task_queue_open",
            ),
        ),
        migrations.AddIndex(
            model_name="departmenttask",
            index=models.Index(
                condition=models.Q(("status__in", ("open", "in_review", "waiting"))),
                fields=["assignee", "deadline", "received_on", "created_at", "id"],
                name="cases_task_inbox_open",
            ),
        ),
        migrations.RunPython(add_trigram_index, drop_trigram_index, elidable=False),
    ]
