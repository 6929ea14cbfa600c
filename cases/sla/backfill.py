"""Warning dates for open tasks written before the clock's state was kept (issue 14)."""

from django.db import transaction

from ..constants import OPEN_TASK_STATUSES
from ..models import DepartmentTask
from .state import warning_on_for

CHUNK = 1000


def warning_dates_backfill() -> int:
    """Set ``warning_on`` of every open task with a target that has none; returns how many.
    Each chunk of 1,000 is one read and one ``bulk_update`` in its own transaction."""
    done = 0
    last = 0
    while True:
        with transaction.atomic():
            tasks = list(
                DepartmentTask.objects.filter(
                    pk__gt=last,
                    status__in=OPEN_TASK_STATUSES,
                    target_days__isnull=False,
                    warning_on__isnull=True,
                )
                .order_by("pk")
                .only("pk", "received_on", "target_days", "target_unit", "paused_units")[:CHUNK]
            )
            if not tasks:
                return done
            for task in tasks:
                task.warning_on = warning_on_for(
                    task.received_on, task.target_days, task.target_unit, task.paused_units
                )
            DepartmentTask.objects.bulk_update(tasks, ["warning_on"])
            done += len(tasks)
            last = tasks[-1].pk
