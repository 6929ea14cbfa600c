"""Reads behind the REST API's case, task and message endpoints (``cases.api``, ``cases.api_work``).

Each read loads what its representation shows in a fixed number of queries, whatever the
number of tasks, information requests, messages or documents.
"""

from django.db.models import F, Prefetch, Q, QuerySet

from kes.access import has_role
from kes.constants import Role
from routing.constants import KES_DEPARTMENT_CODE
from routing.models import Department

from ..constants import OPEN_TASK_STATUSES
from ..models import Case, CaseDocument, CaseMessage, DepartmentTask
from ..permissions import department_ids_of
from .breaches import breach_notified


def cases_for_api() -> QuerySet[Case]:
    """Cases with their business and every task (department, service, information
    requests, whether its breach was notified): what the case representation and its
    clock read."""
    tasks = DepartmentTask.objects.select_related(
        "department", "case_service__service", "decision"
    ).annotate(breach_notified=breach_notified())
    return Case.objects.select_related("business", "star_meeting", "pilot").prefetch_related(
        Prefetch("tasks", queryset=tasks.prefetch_related("information_requests").order_by("pk"))
    )


def task_departments_of(user) -> QuerySet[Department]:
    """The departments whose queue a user works: their own, and KES's for KES staff."""
    worked = Q(pk__in=department_ids_of(user))
    if has_role(user, Role.KES_STAFF):
        worked |= Q(code=KES_DEPARTMENT_CODE)
    return Department.objects.filter(worked)


def open_tasks_for_api(departments: QuerySet[Department], *, service: str = "") -> QuerySet:
    """Open tasks of ``departments`` (a subquery, not a list), nearest deadline first;
    ``service`` narrows them to one service code."""
    tasks = DepartmentTask.objects.filter(department__in=departments, status__in=OPEN_TASK_STATUSES)
    if service:
        tasks = tasks.filter(case_service__service__code=service)
    return tasks.select_related(
        "case__business", "case_service__service", "department", "assignee"
    ).order_by(F("deadline").asc(nulls_last=True), "received_on", "pk")


def case_messages_for_api(case: Case) -> QuerySet[CaseMessage]:
    """The messages of a case, oldest first, with author and attached documents.

    Internal notes are another model and never appear here."""
    return (
        CaseMessage.objects.filter(case=case)
        .select_related("author")
        .prefetch_related(
            Prefetch("documents", queryset=CaseDocument.objects.order_by("uploaded_at", "pk"))
        )
        .order_by("created_at", "pk")
    )
