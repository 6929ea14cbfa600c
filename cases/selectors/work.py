"""Reads for the departments' work: the department queue, my tasks and the task page.

The lists load each row's case, business, service, department and caseworker in the
same query, so a page costs the same number of queries whatever its length.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q, QuerySet

from kes.access import get_for_user_or_404, has_role
from kes.constants import ROLE_GROUPS, Role
from routing.constants import KES_DEPARTMENT_CODE
from routing.models import Department

from ..constants import OPEN_TASK_STATUSES, TaskStatus
from ..models import CaseMessage, CaseService, DepartmentTask, InformationRequest
from ..permissions import department_ids_of
from .core import CASE_WIDE_ROLES, answer_rows

_ROW_RELATED = ("case", "case__business", "case_service__service", "department", "assignee")


def _rows() -> QuerySet[DepartmentTask]:
    return DepartmentTask.objects.select_related(*_ROW_RELATED)


def _by_deadline(tasks: QuerySet[DepartmentTask]) -> QuerySet[DepartmentTask]:
    # Most urgent first; tasks without a target wait behind them, oldest first.
    return tasks.order_by(F("deadline").asc(nulls_last=True), "received_on", "created_at", "pk")


def queue_departments(user) -> QuerySet[Department]:
    """The departments whose queue a user works: their own, and KES's for KES staff."""
    if not user.is_authenticated:
        return Department.objects.none()
    condition = Q(pk__in=department_ids_of(user))
    if has_role(user, Role.KES_STAFF):
        condition |= Q(code=KES_DEPARTMENT_CODE)
    return Department.objects.filter(condition).order_by("name", "pk")


def department_queue(
    user, *, department_code: str | None = None, service_code: str | None = None
) -> QuerySet[DepartmentTask]:
    """Open tasks nobody has taken yet, in the departments the user works for."""
    departments = queue_departments(user)
    if department_code:
        departments = departments.filter(code=department_code)
    tasks = _rows().filter(
        department__in=departments, assignee__isnull=True, status__in=OPEN_TASK_STATUSES
    )
    if service_code:
        tasks = tasks.filter(case_service__service__code=service_code)
    return _by_deadline(tasks)


def task_inbox(user, *, service_code: str | None = None) -> QuerySet[DepartmentTask]:
    """Open tasks assigned to the user."""
    if not user.is_authenticated:
        return DepartmentTask.objects.none()
    tasks = _rows().filter(assignee=user, status__in=OPEN_TASK_STATUSES)
    if service_code:
        tasks = tasks.filter(case_service__service__code=service_code)
    return _by_deadline(tasks)


def task_rows(tasks: QuerySet[DepartmentTask]) -> QuerySet[DepartmentTask]:
    """The rows of a task list for ``tasks`` (one page of it), most urgent first, each
    with its case, business, service, department and caseworker in the same query."""
    return _by_deadline(tasks.select_related(*_ROW_RELATED))


def task_counts_by_service(tasks: QuerySet[DepartmentTask]) -> dict[int | None, int]:
    """How many of ``tasks`` each catalogue service has (``None``: KES's own tasks, which
    have none), in one GROUP BY: a list's service filter and its count in one query."""
    rows = tasks.order_by().values("case_service__service").annotate(n=Count("pk"))
    return {row["case_service__service"]: row["n"] for row in rows}


def services_by_id(ids) -> QuerySet:
    """The catalogue services with these ids, by name: the choices of a service filter."""
    Service = CaseService._meta.get_field("service").related_model
    return Service.objects.filter(pk__in=[pk for pk in ids if pk is not None]).order_by(
        "name", "pk"
    )


def services_of_tasks(tasks: QuerySet[DepartmentTask]):
    """The catalogue services behind a list of tasks: the choices of its service filter."""
    # The catalogue's model through the relation: cases reads intake's rows, never imports it.
    Service = CaseService._meta.get_field("service").related_model
    return (
        Service.objects.filter(case_services__tasks__in=tasks.order_by().values("pk"))
        .distinct()
        .order_by("name", "pk")
    )


def tasks_visible_to(queryset: QuerySet[DepartmentTask], user) -> QuerySet[DepartmentTask]:
    """Tasks a user may open: those of their own departments (whose cases they see), and
    every task for the roles that read all cases (KES, pilots, triage, managers).

    This is "may see the case, and may work the task or reads across departments": a
    caseworker does not open another department's task on a case they share.
    """
    if not user.is_authenticated:
        return queryset.none()
    if has_role(user, *CASE_WIDE_ROLES):
        return queryset
    return queryset.filter(department_id__in=department_ids_of(user))


def task_for_action(user, task_id: int) -> DepartmentTask:
    """A task the user may see, with what the services need; 404 otherwise."""
    return get_for_user_or_404(
        DepartmentTask.objects.select_related(
            "case", "case__business", "department", "case_service__service"
        ),
        user,
        visible=tasks_visible_to,
        pk=task_id,
    )


def task_for_page(user, task_id: int) -> DepartmentTask:
    """A task with everything its page shows; 404 when the user may not see it."""
    answers = CaseMessage.objects.select_related("author").prefetch_related("documents")
    requests = InformationRequest.objects.select_related("requested_by").prefetch_related(
        Prefetch("answers", queryset=answers)
    )
    tasks = (
        _rows()
        .select_related("decision", "decision__decided_by")
        .prefetch_related(
            "case_service__service__questions__choices",
            "case__documents",
            Prefetch("information_requests", queryset=requests),
        )
    )
    return get_for_user_or_404(tasks, user, visible=tasks_visible_to, pk=task_id)


def task_services(task: DepartmentTask) -> list:
    """The services a task is about with their questions: its own, or for KES's tasks
    (which come before the departments') every service on the case."""
    if task.case_service_id:
        rows = [task.case_service]
    else:
        rows = list(
            task.case.services.select_related("service").prefetch_related(
                "service__questions__choices"
            )
        )
    for row in rows:
        row.answer_rows = answer_rows(row, every_question=True)
    return rows


def department_members(department: Department):
    """Who a lead may assign the department's tasks to; KES's tasks also go to KES staff."""
    condition = Q(department_memberships__department=department)
    if department.code == KES_DEPARTMENT_CODE:
        condition |= Q(groups__name=ROLE_GROUPS[Role.KES_STAFF])
    return (
        get_user_model()
        .objects.filter(condition, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def work_counts(user, *, today) -> dict[str, int]:
    """The work overview's numbers in one conditional aggregation: the user's open tasks,
    those at or past their warning date but not overdue (due soon), those overdue, those
    waiting for the business (a waiting task has exactly one open information request),
    and the open tasks nobody has taken in the departments whose queue the user works.
    The same ranges as the lists' filters (``sla.lists``), so each count is its list's."""
    if not user.is_authenticated:
        return dict.fromkeys(("mine", "due_soon", "overdue", "waiting", "queue"), 0)
    mine = Q(assignee=user)
    working = ~Q(status=TaskStatus.WAITING)
    return DepartmentTask.objects.filter(
        Q(assignee=user) | Q(assignee__isnull=True, department__in=queue_departments(user)),
        status__in=OPEN_TASK_STATUSES,
    ).aggregate(
        mine=Count("pk", filter=mine),
        due_soon=Count("pk", filter=mine & working & Q(warning_on__lte=today, deadline__gte=today)),
        overdue=Count("pk", filter=mine & working & Q(deadline__lt=today)),
        waiting=Count("pk", filter=mine & Q(status=TaskStatus.WAITING)),
        queue=Count("pk", filter=Q(assignee__isnull=True)),
    )


def complaint_route(task: DepartmentTask) -> str:
    """How to complain about a decision on the task's service, from the catalogue, in the
    business's language (the letter's), Danish when that text is missing; "" without one.
    ``task`` as ``task_for_action`` loads it."""
    service = task.case_service.service if task.case_service_id else None
    if service is None:
        return ""
    language = task.case.business.language
    return getattr(service, f"complaint_{language}", "") or service.complaint_da or ""
