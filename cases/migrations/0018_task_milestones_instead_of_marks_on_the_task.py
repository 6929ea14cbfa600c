"""The service-target milestones move from two marks on the task (``warned_at``,
``breached_at``) to their own narrow table, one row per task and milestone: the sweep then
writes one narrow row per due task instead of rewriting every index of the task row.

The marks written so far are copied into the table first (set-based), so no milestone is
notified twice after the migration."""

import django.db.models.deletion
from django.db import migrations, models

COPY = """
INSERT INTO cases_taskmilestone (task_id, milestone, reached_at)
SELECT id, 'warning', warned_at FROM cases_departmenttask WHERE warned_at IS NOT NULL
UNION ALL
SELECT id, 'breach', breached_at FROM cases_departmenttask WHERE breached_at IS NOT NULL
"""

BACK = """
UPDATE cases_departmenttask SET warned_at = m.reached_at FROM cases_taskmilestone m
WHERE m.task_id = cases_departmenttask.id AND m.milestone = 'warning';
UPDATE cases_departmenttask SET breached_at = m.reached_at FROM cases_taskmilestone m
WHERE m.task_id = cases_departmenttask.id AND m.milestone = 'breach';
"""

OPEN = models.Q(("status__in", ("open", "in_review", "waiting")))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0017_decision_figures_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="TaskMilestone",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "task",
                        "milestone",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "task",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="milestones",
                        to="cases.departmenttask",
                        verbose_name="task",
                    ),
                ),
                (
                    "milestone",
                    models.CharField(
                        choices=[
                            ("warning", "Service target nearly used"),
                            ("breach", "Service target passed"),
                        ],
                        max_length=10,
                        verbose_name="milestone",
                    ),
                ),
                ("reached_at", models.DateTimeField(verbose_name="reached")),
            ],
            options={
                "verbose_name": "service-target milestone",
                "verbose_name_plural": "service-target milestones",
                "indexes": [
                    models.Index(
                        condition=models.Q(("milestone", "breach")),
                        fields=["reached_at"],
                        name="cases_milestone_breached",
                    )
                ],
            },
        ),
        migrations.RunSQL(COPY, BACK),
        migrations.RemoveIndex(model_name="departmenttask", name="cases_task_warning_due"),
        migrations.RemoveIndex(model_name="departmenttask", name="cases_task_breach_due"),
        migrations.RemoveIndex(model_name="departmenttask", name="cases_task_breached"),
        migrations.RemoveField(model_name="departmenttask", name="breached_at"),
        migrations.RemoveField(model_name="departmenttask", name="warned_at"),
        migrations.AddIndex(
            model_name="departmenttask",
            index=models.Index(
                condition=OPEN, fields=["warning_on", "id"], name="cases_task_open_warning_on"
            ),
        ),
        migrations.AddIndex(
            model_name="departmenttask",
            index=models.Index(
                condition=OPEN, fields=["deadline", "id"], name="cases_task_open_deadline"
            ),
        ),
    ]
