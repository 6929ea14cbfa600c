"""Reads for the staff case list: the cases a staff member may see, filtered, and the
rows of the shown page. Counts and deadlines are annotated, so a page of rows is one query
whatever the number of tasks."""

from django.db.models import Count, Min, Q, QuerySet

from ..constants import OPEN_TASK_STATUSES, CaseStatus, Track
from ..models import Business, Case
from ..validators import normalise_cvr
from .core import cases_visible_to

_OPEN = Q(tasks__status__in=OPEN_TASK_STATUSES)


def staff_cases(user, *, q: str = "", status: str = "", track: str = "") -> QuerySet[Case]:
    """The cases a staff member may see, filtered, newest received first: what the list
    counts and pages through, without the joins and counts its rows show
    (``staff_case_rows``). The order is that of the index ``cases_case_received``."""
    cases = cases_visible_to(Case.objects.all(), user)
    q = (q or "").strip()
    if q:
        # References are upper case (KES-2026-000123): a case-sensitive prefix match of the
        # upper-cased text uses the reference's pattern index; the business name is matched
        # by the trigram index on UPPER(name). One UNION of the two sources of ids.
        businesses = Q(name__icontains=q)
        cvr = normalise_cvr(q)
        if cvr.isdigit():
            businesses |= Q(cvr=cvr)
        by_reference = Case.objects.filter(reference__startswith=q.upper())
        by_business = Case.objects.filter(business__in=Business.objects.filter(businesses))
        ids = by_reference.order_by().values("pk").union(by_business.order_by().values("pk"))
        cases = cases.filter(pk__in=ids)
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    if track in Track.values:
        cases = cases.filter(track=track)
    return cases.order_by("-received_at", "-pk")


def staff_case_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The list's rows of ``cases`` (one page of ``staff_cases``), newest received first,
    each with its business, the count of open tasks and the earliest open deadline."""
    return (
        cases.select_related("business")
        .annotate(
            open_tasks=Count("tasks", filter=_OPEN),
            next_deadline=Min("tasks__deadline", filter=_OPEN),
        )
        .order_by("-received_at", "-pk")
    )


def staff_case_list(user, *, q: str = "", status: str = "", track: str = "") -> QuerySet[Case]:
    """The cases a staff member may see, filtered, as rows of the list (all of them: the
    list view pages ``staff_cases`` and loads only the shown page's rows)."""
    return staff_case_rows(staff_cases(user, q=q, status=status, track=track))
