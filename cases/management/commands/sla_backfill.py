"""``manage.py sla_backfill``: warning dates for open tasks created before issue 14."""

from django.core.management.base import BaseCommand

from cases.sla.backfill import warning_dates_backfill


class Command(BaseCommand):
    help = "Set the warning date of open tasks with a service target that have none."

    def handle(self, *args, **options):
        count = warning_dates_backfill()
        self.stdout.write(f"{count} task(s) got a warning date.")
