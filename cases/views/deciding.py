"""Deciding a task in two steps: the decision form, then the letter as the business will
read it and a confirmation. Nothing is stored or sent before the confirmation.

The checked draft travels between the two steps as one signed hidden field (bound to the
task and the caseworker, valid for a working day): what is confirmed is exactly what was
previewed, and "Change the decision" brings the form back with every entry kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kes.types import AuthenticatedHttpRequest

from .. import services
from ..constants import TaskKind
from ..decisions import decision_preview_html
from ..forms.fields import add_service_errors
from ..forms.work import DecisionForm
from ..models import Decision
from ..selectors import work as reads
from ..selectors.letters import case_for_decision_letter
from .work import form_task, task_closed, to_task

DRAFT_SALT = "cases.decision-draft"
DRAFT_MAX_AGE = 10 * 60 * 60


def _draft_dumps(task, user, data: dict) -> str:
    return signing.dumps(
        {"task": task.pk, "by": user.pk, "data": data}, salt=DRAFT_SALT, compress=True
    )


def _draft_loads(raw: str, task, user) -> dict | None:
    """The draft's entries, or None when it is not this task's and this user's, was
    altered, or is older than a working day."""
    try:
        payload = signing.loads(raw, salt=DRAFT_SALT, max_age=DRAFT_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or (payload.get("task"), payload.get("by")) != (
        task.pk,
        user.pk,
    ):
        return None
    data = payload.get("data")
    return data if isinstance(data, dict) else None


def _fresh_form(task) -> DecisionForm:
    """The empty form, its complaint route taken from the service's catalogue entry."""
    return DecisionForm(initial={"complaint": reads.complaint_route(task)})


def _form_page(request: HttpRequest, task, form: DecisionForm) -> HttpResponse:
    return render(request, "cases/staff/work/decide.html", {"task": task, "form": form}, status=200)


def _preview_page(request: HttpRequest, task, data: dict) -> HttpResponse:
    case = case_for_decision_letter(task.case_id)
    draft = Decision(task_id=task.pk, decided_by=request.user, decided_at=timezone.now(), **data)
    others_open = [
        other
        for row in case.services.all()
        for other in row.tasks.all()
        if other.pk != task.pk and other.kind == TaskKind.DECISION and other.is_open
    ]
    context = {
        "task": task,
        "draft": _draft_dumps(task, request.user, data),
        # Rendered from the letter's own template with autoescaping.
        "letter_html": mark_safe(decision_preview_html(case, draft=draft)),  # noqa: S308
        "letter_language": case.business.language,
        "others_open": len(others_open),
        "takes_task": task.assignee_id is None,
    }
    return render(request, "cases/staff/work/decide_preview.html", context)


@login_required
@never_cache
def task_decide(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    task = form_task(request, task_id, kinds=(TaskKind.DECISION,))
    if not task.is_open:
        return task_closed(request, task)
    if request.method != "POST":
        return _form_page(
            request, task, DecisionForm(initial={"complaint": reads.complaint_route(task)})
        )
    if "draft" in request.POST:
        data = _draft_loads(request.POST["draft"], task, request.user)
        if data is None:
            messages.error(
                request, _("The preview has expired. Check the decision and preview it again.")
            )
            return _form_page(
                request, task, DecisionForm(initial={"complaint": reads.complaint_route(task)})
            )
        if request.POST.get("confirm") != "1":
            return _form_page(request, task, DecisionForm(initial=data))
        try:
            services.task_decide(task=task, by=request.user, **data)
        except ValidationError as exc:
            form = DecisionForm(data)
            form.is_valid()
            add_service_errors(form, exc)
            return _form_page(request, task, form)
        messages.success(request, _("The decision is recorded."))
        return to_task(task)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            data = services.task_decision_check(task=task, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _preview_page(request, task, data)
    return _form_page(request, task, form)


urlpatterns = [path("staff/tasks/<int:task_id>/decide/", task_decide, name="task_decide")]
