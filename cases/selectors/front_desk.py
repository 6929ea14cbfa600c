"""Reads for the front desk: what a business already has going when it comes to the counter
or phones, shown after the CVR lookup. Each is one query, capped (the page links to the
full case list beyond the cap)."""

from django.db.models import Count, Min, Q

from ..constants import OPEN_TASK_STATUSES, CaseStatus
from ..models import Case, InformationRequest
from .core import cases_visible_to

# Rows shown of each; one more is read to know whether there are more.
FRONT_DESK_ROWS = 10


def _capped(rows: list, limit: int) -> tuple[list, bool]:
    return rows[:limit], len(rows) > limit


def business_open_cases(business, user, *, limit: int = FRONT_DESK_ROWS) -> tuple[list, bool]:
    """The business's cases not yet closed that ``user`` may see, newest received first,
    each with its count of open tasks and earliest open deadline; and whether there are more."""
    open_tasks = Q(tasks__status__in=OPEN_TASK_STATUSES)
    cases = (
        cases_visible_to(Case.objects.all(), user)
        .filter(business=business)
        .exclude(status=CaseStatus.CLOSED)
        .annotate(
            open_tasks=Count("tasks", filter=open_tasks),
            next_deadline=Min("tasks__deadline", filter=open_tasks),
        )
        .order_by("-received_at", "-pk")
    )
    return _capped(list(cases[: limit + 1]), limit)


def business_waiting_requests(business, user, *, limit: int = FRONT_DESK_ROWS) -> tuple[list, bool]:
    """Requests for information the business has not answered yet, on cases ``user`` may
    see, the earliest due first, each with its case and department; and whether there are
    more."""
    requests = (
        InformationRequest.objects.filter(
            task__case__in=cases_visible_to(Case.objects.filter(business=business), user),
            answered_at__isnull=True,
        )
        .select_related("task__case", "task__department")
        .order_by("due_on", "pk")
    )
    return _capped(list(requests[: limit + 1]), limit)
