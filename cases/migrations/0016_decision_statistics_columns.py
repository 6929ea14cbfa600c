"""The decision row carries what the statistics filter and group by (department, service,
case, track, channel, target kept or not, information requests), so they read it alone.

Existing rows are filled by one set-based ``UPDATE … FROM`` (PostgreSQL, SQLite ≥ 3.33)
by the rule of ``cases.services.decision_facts``; the columns then become non-null.
Their indexes follow in 0017, once this has committed.
"""

import django.db.models.deletion
from django.db import migrations, models

# Within target: net units at most the target's units, a weeks target 7 days a week.
BACKFILL = """
UPDATE cases_decision SET
    department_id = t.department_id,
    service_id = cs.service_id,
    case_id = t.case_id,
    track = c.track,
    channel = c.channel,
    has_target = (t.target_days IS NOT NULL),
    within_target = (
        t.target_days IS NOT NULL
        AND cases_decision.net_units <= CASE WHEN t.target_unit = 'weeks'
            THEN t.target_days * 7 ELSE t.target_days END
    ),
    requests = COALESCE(r.n, 0)
FROM cases_departmenttask t
JOIN cases_case c ON c.id = t.case_id
LEFT JOIN cases_caseservice cs ON cs.id = t.case_service_id
LEFT JOIN (
    SELECT task_id, count(*) AS n FROM cases_informationrequest GROUP BY task_id
) r ON r.task_id = t.id
WHERE t.id = cases_decision.task_id
"""


def backfill(connection) -> int:
    """Fill the statistics' columns of every decision from its task; returns the rows."""
    with connection.cursor() as cursor:
        cursor.execute(BACKFILL)
        return cursor.rowcount


def forwards(apps, schema_editor):
    backfill(schema_editor.connection)


def fk(to, **extra):
    return models.ForeignKey(
        db_index=False,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to=to,
        **extra,
    )


TRACKS = [
    ("immediate", "Immediate answer"),
    ("self_service", "Self-service"),
    ("assisted", "Assisted"),
    ("pilot", "Business pilot"),
    ("star_meeting", "Star meeting"),
]
CHANNELS = [("digital", "Digital"), ("phone", "Phone"), ("counter", "Counter")]


def columns(null: bool) -> list[tuple[str, models.Field]]:
    return [
        ("department", fk("routing.department", null=null, verbose_name="department")),
        ("case", fk("cases.case", null=null, verbose_name="case")),
        ("track", models.CharField(choices=TRACKS, max_length=20, null=null, verbose_name="track")),
        (
            "channel",
            models.CharField(choices=CHANNELS, max_length=10, null=null, verbose_name="channel"),
        ),
        ("has_target", models.BooleanField(null=null, verbose_name="has a service target")),
        (
            "within_target",
            models.BooleanField(null=null, verbose_name="within the service target"),
        ),
        (
            "requests",
            models.PositiveSmallIntegerField(null=null, verbose_name="information requests"),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_tasks_and_events_without_redundant_fk_indexes"),
        ("intake", "0007_wizard_topics_places_and_sent_drafts"),
        ("routing", "0002_external_authority_guidance"),
    ]

    operations = [
        *(
            migrations.AddField(model_name="decision", name=name, field=field)
            for name, field in columns(null=True)
        ),
        migrations.AddField(
            model_name="decision",
            name="service",
            field=fk("intake.service", null=True, verbose_name="service"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
        *(
            migrations.AlterField(model_name="decision", name=name, field=field)
            for name, field in columns(null=False)
        ),
    ]
