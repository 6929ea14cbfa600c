"""The sweeps' reads: the lapsed requests, locked for the batch's transaction (the
milestones' due tasks are read by the statement that records them, ``milestones``).

The due requests are read ``FOR UPDATE SKIP LOCKED`` (of the request row only), in the
order of their partial index (``cases_request_lapse_due``), so two sweeps running at once
take disjoint batches and a row another sweep holds is left to it. SQLite ignores the lock;
it runs one writer anyway.
"""

from datetime import date

from django.db.models import Q

from ..models import InformationRequest

# Rows per batch (the first of each pass share a transaction, later ones have their own):
# large enough that the per-statement cost is spread (at 5,000 due, one batch of 10,000
# took 31 ms, three of 2,000 50 ms), and a milestone's batch locks no existing row, only its
# own new keys; the lapses are a few a day.
BATCH = 10_000


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
