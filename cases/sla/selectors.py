"""The sweeps' reads: due rows locked for the batch's transaction, and their recipients.

The due rows are read ``FOR UPDATE SKIP LOCKED`` (of the task or request row only), in the
order of their partial index (``cases_task_warning_due``, ``cases_task_breach_due``,
``cases_request_lapse_due``), so two sweeps running at once take disjoint batches and a row
another sweep holds is left to it. SQLite ignores the lock; it runs one writer anyway.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q

from kes.constants import ROLE_GROUPS, Role
from routing.constants import MembershipRole
from routing.models import DepartmentMembership

from ..constants import OPEN_TASK_STATUSES, TaskStatus
from ..models import DepartmentTask, InformationRequest

BATCH = 500

_TASK_FIELDS = (
    "id",
    "case_id",
    "case__reference",
    "case__pilot_id",
    "case__pilot__email",
    "case__pilot__language",
    "department_id",
    "assignee_id",
    "assignee__email",
    "assignee__language",
    "deadline",
    "warning_on",
    "received_on",
)


def _open_not_waiting(**milestone_open):
    # The partial index's own predicate (open statuses, milestone not yet notified) and
    # the rule that a task waiting for the applicant reaches no milestone.
    return DepartmentTask.objects.select_for_update(skip_locked=True, of=("self",)).filter(
        ~Q(status=TaskStatus.WAITING), status__in=OPEN_TASK_STATUSES, **milestone_open
    )


def warnings_due(*, today: date, batch: int = BATCH) -> list[dict]:
    """Open tasks (not waiting) whose warning date has come and that were not warned."""
    rows = _open_not_waiting(warned_at__isnull=True).filter(warning_on__lte=today)
    return list(rows.order_by("warning_on", "id").values(*_TASK_FIELDS)[:batch])


def breaches_due(*, today: date, batch: int = BATCH) -> list[dict]:
    """Open tasks (not waiting) past their deadline whose breach was not notified."""
    rows = _open_not_waiting(breached_at__isnull=True).filter(deadline__lt=today)
    return list(rows.order_by("deadline", "id").values(*_TASK_FIELDS)[:batch])


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


def members_of(department_ids: Iterable[int], role: str) -> dict[int, list[tuple[int, str, str]]]:
    """(user id, e-mail, language) of every active member in ``role`` of each department,
    in one query for the whole batch."""
    members: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    rows = (
        DepartmentMembership.objects.filter(
            department_id__in=set(department_ids), role=role, user__is_active=True
        )
        .order_by("department_id", "user_id")
        .values_list("department_id", "user_id", "user__email", "user__language")
    )
    for department_id, user_id, email, language in rows:
        members[department_id].append((user_id, email, language))
    return members


def caseworkers_of(department_ids: Iterable[int]):
    return members_of(department_ids, MembershipRole.CASEWORKER)


def leads_of(department_ids: Iterable[int]):
    return members_of(department_ids, MembershipRole.LEAD)


def kes_staff() -> list[tuple[int, str, str]]:
    """(user id, e-mail, language) of the active KES staff: one query."""
    return list(
        get_user_model()
        .objects.filter(groups__name=ROLE_GROUPS[Role.KES_STAFF], is_active=True)
        .order_by("pk")
        .values_list("pk", "email", "language")
        .distinct()
    )
