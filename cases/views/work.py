"""The departments' work: the queue, my tasks, the task page and its actions.

A task the user may not see is a 404 (``selectors.work.tasks_visible_to``); an action the
user's role does not allow on a task they see is a 403 (the services raise it). The
actions are POSTs that redirect back to the task page with a message.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kes.access import role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest

from .. import services
from ..constants import TaskKind, TaskStatus
from ..forms.fields import form_saved
from ..forms.work import InformationRequestForm, KesTaskForm
from ..pagination import RowsPaginator
from ..permissions import may_lead_task, may_work_task
from ..selectors import work as reads
from ..sla import lists as deadline_lists
from ..tracks import KES_TASK_KINDS

PAGE_SIZE = 25
WORKERS = (Role.CASEWORKER, Role.DEPARTMENT_LEAD, Role.KES_STAFF)


def _listing(request: HttpRequest, tasks, *, service: str | None):
    """One page of a task list (``tasks`` unfiltered by service) and its service filter.

    One GROUP BY over the list gives both the filter's choices (the services of the whole
    list, not only of the chosen one) and the count; the page's rows load by their ids in
    the list's order, so no query of the list runs twice. ``?deadline=`` narrows to overdue
    or warned tasks, ``?order=-deadline`` shows the latest deadline first.
    """
    today = timezone.localdate()
    tasks = deadline_lists.deadline_filtered(tasks, request.GET.get("deadline"), today=today)
    rows = reads.task_rows
    if deadline_lists.latest_first(request.GET.get("order")):
        tasks = tasks.reverse()

        def rows(page_tasks):
            return reads.task_rows(page_tasks).reverse()

    counts = reads.task_counts_by_service(tasks)
    services = list(reads.services_by_id(counts))
    if service:
        chosen = {row.pk for row in services if row.code == service}
        count = sum(n for pk, n in counts.items() if pk in chosen)
        tasks = tasks.filter(case_service__service__code=service)
    else:
        count = sum(counts.values())
    paginator = RowsPaginator(tasks, PAGE_SIZE, rows=rows, count=count)
    page = paginator.get_page(request.GET.get("page"))
    for task in page.object_list:
        task.overdue = bool(task.deadline and task.deadline < today)
        task.can_take = task.assignee_id is None and may_work_task(request.user, task)
    page_range = paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "page_obj": page,
        "page_range": list(page_range),
        "services": services,
        "deadline_filters": deadline_lists.DEADLINE_FILTERS,
        "orders": deadline_lists.ORDERS,
        "selected_deadline": request.GET.get("deadline") or "",
        "selected_order": request.GET.get("order") or "deadline",
    }


@role_required(*WORKERS)
@never_cache
def department_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    department = request.GET.get("department") or None
    service = request.GET.get("service") or None
    tasks = reads.department_queue(request.user, department_code=department)
    context = {
        **_listing(request, tasks, service=service),
        "departments": list(reads.queue_departments(request.user)),
        "selected_department": department,
        "selected_service": service,
    }
    return render(request, "cases/staff/work/queue.html", context)


@role_required(*WORKERS)
@never_cache
def task_inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    service = request.GET.get("service") or None
    context = {
        **_listing(request, reads.task_inbox(request.user), service=service),
        "selected_service": service,
    }
    return render(request, "cases/staff/work/inbox.html", context)


def _actions(user, task) -> dict[str, bool]:
    """What the page offers; the services check the same again when it is done."""
    is_open = task.is_open
    work = is_open and may_work_task(user, task)
    lead = is_open and may_lead_task(user, task)
    mine = is_open and task.assignee_id == user.pk
    deciding = work and task.kind == TaskKind.DECISION
    return {
        "take": work and task.assignee_id is None,
        "assign": lead,
        "release": mine or (lead and task.assignee_id is not None),
        "confirm": deciding and task.status == TaskStatus.OPEN,
        "request": deciding and task.status != TaskStatus.WAITING,
        "decide": deciding and task.status != TaskStatus.WAITING,
        "handle": work and task.kind in KES_TASK_KINDS and task.kind != TaskKind.ASSIGN_PILOT,
        # Assigning a pilot and the introductions have their own page (views.pilots).
        "pilot": is_open and task.kind == TaskKind.ASSIGN_PILOT,
    }


@login_required
@never_cache
def task_detail(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = reads.task_for_page(request.user, task_id)
    task.overdue = bool(task.is_open and task.deadline and task.deadline < timezone.localdate())
    actions = _actions(request.user, task)
    context = {
        "task": task,
        "case": task.case,
        "services": reads.task_services(task),
        "decision": getattr(task, "decision", None),
        "actions": actions,
        "members": reads.department_members(task.department) if actions["assign"] else (),
        # The triage committee decides a star-meeting proposal on its own page.
        "kes_form": KesTaskForm(kind=task.kind)
        if actions["handle"] and task.kind != TaskKind.TRIAGE
        else None,
    }
    return render(request, "cases/staff/work/detail.html", context)


def to_task(task):
    return redirect("task_detail", task_id=task.pk)


def _report(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@require_POST
@login_required
def task_assign(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    """Take a task (no ``assignee`` or one's own id) or, as lead, assign it to a member."""
    task = reads.task_for_action(request.user, task_id)
    raw = request.POST.get("assignee", "").strip()
    if not raw or raw == str(request.user.pk):
        assignee = request.user
    else:
        assignee = get_user_model().objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if assignee is None:
            if not may_lead_task(request.user, task):
                raise PermissionDenied
            messages.error(request, _("Choose a caseworker in the department that holds the task."))
            return to_task(task)
    try:
        task = services.task_assign(task=task, assignee=assignee, by=request.user)
    except ValidationError as exc:
        _report(request, exc)
        return to_task(task)
    if assignee.pk == request.user.pk:
        messages.success(request, _("The task is yours."))
    else:
        name = assignee.get_full_name() or assignee.get_username()
        messages.success(request, _("The task is assigned to %(name)s.") % {"name": name})
    return to_task(task)


@require_POST
@login_required
def task_unassign(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = reads.task_for_action(request.user, task_id)
    # Releasing an untaken task changes nothing, but is still not the reader's to ask for.
    if not may_work_task(request.user, task):
        raise PermissionDenied
    try:
        services.task_unassign(task=task, by=request.user)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("The task is back in the department's queue."))
    return to_task(task)


@require_POST
@login_required
def task_complete_check(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = reads.task_for_action(request.user, task_id)
    try:
        services.task_completeness_confirm(task=task, by=request.user)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("The application is complete; the processing has started."))
    return to_task(task)


def form_task(request: HttpRequest, task_id: int, *, kinds):
    """The task behind a form page: 404 if unseen, 403 if the user may not act on it."""
    task = reads.task_for_action(request.user, task_id)
    if task.kind not in kinds or not may_work_task(request.user, task):
        raise PermissionDenied
    return task


def task_closed(request: HttpRequest, task):
    messages.error(request, _("This task has already been completed."))
    return to_task(task)


@login_required
@never_cache
def task_request_information(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = form_task(request, task_id, kinds=(TaskKind.DECISION,))
    if not task.is_open:
        return task_closed(request, task)
    data = request.POST if request.method == "POST" else None
    form = InformationRequestForm(data, today=timezone.localdate())
    if request.method == "POST" and form_saved(
        form, lambda data: services.task_request_information(task=task, by=request.user, **data)
    ):
        messages.success(request, _("The business has been asked for the information."))
        return to_task(task)
    return render(
        request, "cases/staff/work/request_information.html", {"task": task, "form": form}
    )


@login_required
@never_cache
def kes_task_complete(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = form_task(request, task_id, kinds=KES_TASK_KINDS)
    if not task.is_open:
        return task_closed(request, task)
    form = KesTaskForm(request.POST if request.method == "POST" else None, kind=task.kind)
    if request.method == "POST" and form_saved(
        form, lambda data: services.kes_task_complete(task=task, by=request.user, **data)
    ):
        messages.success(request, _("The task is handled."))
        return to_task(task)
    return render(request, "cases/staff/work/kes_task.html", {"task": task, "form": form})


urlpatterns = [
    path("staff/queue/", department_queue, name="department_queue"),
    path("staff/inbox/", task_inbox, name="task_inbox"),
    path("staff/tasks/<int:task_id>/", task_detail, name="task_detail"),
    path("staff/tasks/<int:task_id>/assign/", task_assign, name="task_assign"),
    path("staff/tasks/<int:task_id>/unassign/", task_unassign, name="task_unassign"),
    path("staff/tasks/<int:task_id>/complete/", task_complete_check, name="task_complete_check"),
    path(
        "staff/tasks/<int:task_id>/request/",
        task_request_information,
        name="task_request_information",
    ),
    path("staff/tasks/<int:task_id>/kes/", kes_task_complete, name="kes_task_complete"),
]
