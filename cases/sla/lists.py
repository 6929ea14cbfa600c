"""The queue's and the inbox's deadline filter and order (``?deadline=…&order=…``).

The filters are ranges on the columns of the lists' partial indexes (``deadline``) and the
sweep's (``warning_on``), so a filtered page still reads its index in order; the reversed
order walks the same index backwards (latest deadline first, tasks without one first).
"""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..constants import TaskStatus

DEADLINE_FILTERS = {
    "overdue": _("Overdue"),
    "warning": _("Warning: most of the target used"),
    "waiting": _("Waiting for the business"),
}
ORDERS = {"deadline": _("Nearest deadline first"), "-deadline": _("Latest deadline first")}


def deadline_filtered(tasks: QuerySet, choice: str | None, *, today: date) -> QuerySet:
    """Overdue: past the deadline and not waiting. Warning: at or after the warning date,
    not yet overdue, not waiting. Waiting: the clock stopped until the business answers.
    Anything else: every task."""
    working = ~Q(status=TaskStatus.WAITING)
    if choice == "overdue":
        return tasks.filter(working, deadline__lt=today)
    if choice == "warning":
        return tasks.filter(working, warning_on__lte=today, deadline__gte=today)
    if choice == "waiting":
        return tasks.filter(status=TaskStatus.WAITING)
    return tasks


def latest_first(order: str | None) -> bool:
    return order == "-deadline"
