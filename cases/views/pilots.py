"""Virksomhedslods: a case's pilot page (KES staff assign; the pilot introduces,
writes follow-ups, closes with a summary). The portfolio, follow-ups and the portfolio
move are in ``pilot_work``.

Access: a case the user may not see is a 404 (a business user never finds
these staff pages); a page or action the role does not allow is a 403 (the services
check the same again).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kes.access import get_for_user_or_404, has_role, is_staff_user
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest
from routing.models import Department

from .. import services
from ..constants import CaseStatus, TaskKind
from ..forms.fields import form_saved
from ..forms.pilots import (
    FollowUpForm,
    IntroductionForm,
    PilotAssignForm,
    PilotCloseForm,
)
from ..models import Case
from ..selectors import cases_visible_to
from ..selectors import portfolio as reads
from ..selectors.pilots import pilot_candidates
from ..services.pilots import involved_department_ids, missing_introductions
from ..tracks import closes_via_pilot


def _case(request: HttpRequest, reference: str) -> Case:
    """A pilot case the staff user may see (404 otherwise); 403 unless KES staff or a pilot."""
    if not is_staff_user(request.user):
        raise Http404
    case = get_for_user_or_404(
        Case.objects.select_related("business"),
        request.user,
        visible=cases_visible_to,
        reference=reference,
    )
    if not (closes_via_pilot(case.track) or case.pilot_id):
        raise Http404
    if not has_role(request.user, Role.KES_STAFF, Role.PILOT):
        raise PermissionDenied
    return case


def _page_url(case) -> str:
    return reverse("pilot_case", kwargs={"reference": case.reference})


def _render_case(request: HttpRequest, case: Case, **forms) -> HttpResponse:
    case = reads.pilot_case_page(case)
    user = request.user
    today = timezone.localdate()
    is_open = case.status != CaseStatus.CLOSED
    assign_task = next(
        (t for t in case.portfolio_tasks if t.kind == TaskKind.ASSIGN_PILOT and t.is_open), None
    )
    stage = reads.case_stage(case) if is_open else "closed"
    mine = case.pilot_id == user.pk
    may_assign = has_role(user, Role.KES_STAFF) and assign_task is not None
    departments = []
    if mine and is_open:
        departments = list(
            Department.objects.filter(pk__in=involved_department_ids(case)).order_by("name")
        )
    missing = missing_introductions(case) if assign_task is not None else set()
    for task in case.portfolio_tasks:
        task.share_used = reads.task_share_used(task, today=today)
    context = {
        "case": case,
        "stage": stage,
        "mine": mine,
        "may_assign": may_assign,
        "missing": [d for d in departments if d.pk in missing],
        "assign_form": forms.get("assign_form")
        or (PilotAssignForm(candidates=pilot_candidates()) if may_assign else None),
        "introduction_form": forms.get("introduction_form")
        or (
            IntroductionForm(departments=departments, today=today, prefix="intro")
            if mine and is_open
            else None
        ),
        "follow_up_form": forms.get("follow_up_form")
        or (
            FollowUpForm(tasks=_open_decisions(case), today=today, prefix="follow")
            if case.pilot_id and (mine or has_role(user, Role.KES_STAFF)) and is_open
            else None
        ),
        "close_form": forms.get("close_form")
        or (PilotCloseForm(prefix="close") if mine and stage == "close" else None),
    }
    return render(request, "cases/staff/pilot/case.html", context)


def _open_decisions(case):
    return [t for t in case.portfolio_tasks if t.kind == TaskKind.DECISION and t.is_open]


@login_required
@never_cache
@require_GET
def pilot_case(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    return _render_case(request, _case(request, reference))


@require_POST
@login_required
def pilot_assign(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    if not has_role(request.user, Role.KES_STAFF):
        raise PermissionDenied
    form = PilotAssignForm(request.POST, candidates=pilot_candidates())
    if form_saved(
        form,
        lambda _data: services.case_pilot_assign(case=case, pilot=form.chosen(), by=request.user),
    ):
        name = form.chosen().get_full_name() or form.chosen().get_username()
        messages.success(
            request, _("%(name)s is now the business pilot of the case.") % {"name": name}
        )
        return redirect(_page_url(case))
    return _render_case(request, case, assign_form=form)


def _require_pilot(request, case):
    if case.pilot_id != request.user.pk:
        raise PermissionDenied


@require_POST
@login_required
def pilot_introduction_add(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    _require_pilot(request, case)
    departments = Department.objects.filter(pk__in=involved_department_ids(case)).order_by("name")
    form = IntroductionForm(
        request.POST, departments=departments, today=timezone.localdate(), prefix="intro"
    )
    if form_saved(
        form, lambda data: services.pilot_introduction_add(case=case, by=request.user, **data)
    ):
        messages.success(request, _("The introduction is recorded."))
        return redirect(_page_url(case) + "#introductions")
    return _render_case(request, case, introduction_form=form)


@require_POST
@login_required
def pilot_introduction_complete(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    _require_pilot(request, case)
    try:
        services.pilot_introduction_complete(case=case, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The introduction is complete; the departments have their tasks.")
        )
    return redirect(_page_url(case))


@require_POST
@login_required
def pilot_follow_up_add(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    if case.pilot_id != request.user.pk and not has_role(request.user, Role.KES_STAFF):
        raise PermissionDenied
    page = reads.pilot_case_page(case)
    tasks = _open_decisions(page)
    form = FollowUpForm(request.POST, tasks=tasks, today=timezone.localdate(), prefix="follow")

    def write(data):
        task = next((t for t in tasks if t.pk == data["task_id"]), None)
        if data["task_id"] is not None and task is None:
            raise ValidationError({"task_id": [_("Choose a task on this case.")]})
        return services.follow_up_create(
            case=page, text=data["text"], due_on=data["due_on"], by=request.user, task=task
        )

    if form_saved(form, write):
        messages.success(request, _("The follow-up is saved."))
        return redirect(_page_url(case) + "#follow-ups")
    return _render_case(request, case, follow_up_form=form)


@require_POST
@login_required
def pilot_close(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    _require_pilot(request, case)
    form = PilotCloseForm(request.POST, prefix="close")
    if form_saved(
        form,
        lambda data: services.pilot_case_close(case=case, by=request.user, summary=data["summary"]),
    ):
        messages.success(
            request, _("The case is closed; the business receives the decision letter.")
        )
        return redirect(_page_url(case))
    return _render_case(request, case, close_form=form)


urlpatterns = [
    path("staff/cases/<str:reference>/pilot/", pilot_case, name="pilot_case"),
    path("staff/cases/<str:reference>/pilot/assign/", pilot_assign, name="pilot_assign"),
    path(
        "staff/cases/<str:reference>/pilot/introductions/",
        pilot_introduction_add,
        name="pilot_introduction_add",
    ),
    path(
        "staff/cases/<str:reference>/pilot/introduced/",
        pilot_introduction_complete,
        name="pilot_introduction_complete",
    ),
    path(
        "staff/cases/<str:reference>/pilot/follow-ups/",
        pilot_follow_up_add,
        name="pilot_follow_up_add",
    ),
    path("staff/cases/<str:reference>/pilot/close/", pilot_close, name="pilot_close"),
]
