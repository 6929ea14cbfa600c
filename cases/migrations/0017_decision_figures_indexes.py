"""The statistics' indexes over the columns 0016 added, built after its backfill has
committed (so they hold no entry of a row version it replaced). The figures' indexes (the
period's, and one department's) carry every column a figure reads (covering, on
PostgreSQL: a figure is an index-only scan); the breaches of a period get a partial index."""

from django.db import migrations, models

FIGURE_COLUMNS = (
    "service",
    "case",
    "track",
    "channel",
    "has_target",
    "within_target",
    "requests",
    "gross_units",
    "net_units",
    "national_days",
)


class Migration(migrations.Migration):
    dependencies = [("cases", "0016_decision_statistics_columns")]

    operations = [
        migrations.AddIndex(
            model_name="departmenttask",
            index=models.Index(
                condition=models.Q(breached_at__isnull=False),
                fields=["breached_at"],
                name="cases_task_breached",
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                fields=["decided_at"],
                include=(*FIGURE_COLUMNS, "department"),
                name="cases_decision_figures",
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                fields=["department", "decided_at"],
                include=FIGURE_COLUMNS,
                name="cases_decision_department",
            ),
        ),
    ]
