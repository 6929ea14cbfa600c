"""The sweeps' reads: the due rows' ids, locked for the batch's transaction.

The due rows are read ``FOR UPDATE SKIP LOCKED`` (of the task or request row only), in the
order of their partial index (``cases_task_warning_due``, ``cases_task_breach_due``,
``cases_request_lapse_due``), so two sweeps running at once take disjoint batches and a row
another sweep holds is left to it. SQLite ignores the lock; it runs one writer anyway.
"""

from datetime import date

from django.db.models import Q

from ..constants import OPEN_TASK_STATUSES, TaskStatus
from ..models import DepartmentTask, InformationRequest

# Rows per batch (one transaction each): large enough that the per-statement cost is spread
# (2,000 took half the time of 500 at 5,000 due), small enough to hold the locks briefly.
BATCH = 2000


def _open_not_waiting(**milestone_open):
    # The partial index's own predicate (open statuses, milestone not yet notified) and
    # the rule that a task waiting for the applicant reaches no milestone.
    return DepartmentTask.objects.select_for_update(skip_locked=True, of=("self",)).filter(
        ~Q(status=TaskStatus.WAITING), status__in=OPEN_TASK_STATUSES, **milestone_open
    )


def warnings_due(*, today: date, batch: int = BATCH) -> list[int]:
    """Ids of open tasks (not waiting) whose warning date has come and that were not warned."""
    rows = _open_not_waiting(warned_at__isnull=True).filter(warning_on__lte=today)
    return list(rows.order_by("warning_on", "id").values_list("id", flat=True)[:batch])


def breaches_due(*, today: date, batch: int = BATCH) -> list[int]:
    """Ids of open tasks (not waiting) past their deadline whose breach was not notified."""
    rows = _open_not_waiting(breached_at__isnull=True).filter(deadline__lt=today)
    return list(rows.order_by("deadline", "id").values_list("id", flat=True)[:batch])


def lapses_due(*, today: date, second_by: date, tell_by: date, batch: int = BATCH) -> list[dict]:
    """Unanswered requests due for their next step: the first reminder (due date passed),
    the second (due on or before ``second_by``) or telling the caseworker (``tell_by``);
    never two steps of one request on the same day."""
    not_today = Q(last_reminded_on__lt=today)
    step_due = (
        Q(reminders_sent=0, due_on__lt=today)
        | Q(not_today, reminders_sent=1, due_on__lte=second_by)
        | Q(not_today, reminders_sent__gte=2, due_on__lte=tell_by)
    )
    rows = (
        InformationRequest.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(step_due, answered_at__isnull=True, caseworker_told_at__isnull=True)
        .order_by("due_on", "id")
        .values(
            "id",
            "due_on",
            "reminders_sent",
            "task_id",
            "task__case_id",
            "task__case__reference",
            "task__department_id",
            "task__assignee_id",
            "task__assignee__email",
            "task__assignee__language",
            "task__case__language",
            "task__case__business__language",
            "task__case__business__email",
        )
    )
    return list(rows[:batch])
