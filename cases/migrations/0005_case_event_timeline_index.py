"""Two indexes on the audit trail: the full trail newest first (the audit-trail page), and
the case page's latest events without the staff views (a partial index)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_work_tasks_requests_decisions_messages"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(fields=["case", "-at", "-id"], name="cases_event_trail"),
        ),
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(
                condition=models.Q(("kind", "case_viewed"), _negated=True),
                fields=["case", "-at", "-id"],
                name="cases_event_timeline",
            ),
        ),
    ]
