"""A department's work on its task: take, assign, check, ask, decide.

Every function locks the case's flow first (``SELECT … FOR UPDATE`` on the process row),
so two caseworkers acting on the same case at the same moment are served one after the
other, and the last decision is joined exactly once. Problems are reported as
``ValidationError({field: [messages]})`` with nothing stored; a user who may not act gets
``PermissionDenied``.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from routing.calendar import deadline_after_paused_units, local_date, units_between

from ..constants import EventKind, NotificationKind, Outcome, TaskKind, TaskStatus
from ..decision_parts import REQUIRED_PARTS, parts_kept
from ..models import Decision, DepartmentTask, InformationRequest
from ..permissions import may_lead_task, may_work_task
from ..sla.state import task_national_days, warning_on_for
from .checks import add_error, check_text
from .decision_facts import decision_facts
from .outbox import case_notification_add
from .routing import flow_task_complete
from .task_steps import locked_task, require_open, take_if_unassigned, task_event

TEXT_MAX_LENGTH = 10000
# How far ahead a due date for the business may lie.
MAX_DUE_DAYS = 90


@transaction.atomic
def task_assign(*, task: DepartmentTask, assignee, by) -> DepartmentTask:
    """Assign a task: caseworkers take unassigned tasks for themselves; the department's
    lead assigns and reassigns to any member of the department."""
    with locked_task(task) as (task, _process):
        require_open(task)
        taking = assignee.pk == by.pk and task.assignee_id is None
        if not may_work_task(by, task):
            raise PermissionDenied
        if not (taking or may_lead_task(by, task)):
            if assignee.pk == by.pk and task.assignee_id not in (None, by.pk):
                # Two caseworkers took it at the same moment: say so, it is not a fault.
                raise ValidationError({"assignee": [_("Someone else has just taken this task.")]})
            raise PermissionDenied
        if not may_work_task(assignee, task):
            raise ValidationError(
                {"assignee": [_("Choose a caseworker in the department that holds the task.")]}
            )
        if task.assignee_id == assignee.pk:
            return task
        previous = task.assignee_id
        task.assignee = assignee
        task.save(update_fields=["assignee"])
        task_event(task, EventKind.TASK_ASSIGNED, by, to=assignee.pk, previous=previous)
        return task


@transaction.atomic
def task_unassign(*, task: DepartmentTask, by) -> DepartmentTask:
    """Put a task back in the department's queue: its caseworker or the lead."""
    with locked_task(task) as (task, _process):
        require_open(task)
        if task.assignee_id is None:
            return task
        if task.assignee_id != by.pk and not may_lead_task(by, task):
            raise PermissionDenied
        previous = task.assignee_id
        task.assignee = None
        task.save(update_fields=["assignee"])
        task_event(task, EventKind.TASK_UNASSIGNED, by, previous=previous)
        return task


@transaction.atomic
def task_completeness_confirm(*, task: DepartmentTask, by) -> DepartmentTask:
    """The application holds what the department needs: processing starts."""
    with locked_task(task) as (task, _process):
        require_open(task)
        if not may_work_task(by, task):
            raise PermissionDenied
        if task.status != TaskStatus.OPEN:
            raise ValidationError({"task": [_("The completeness check has already been made.")]})
        take_if_unassigned(task, by)
        task.status = TaskStatus.IN_REVIEW
        # "Fuldt oplyst": the national clock starts here.
        task.complete_on = local_date(timezone.now())
        task.save(update_fields=["status", "assignee", "complete_on"])
        task_event(task, EventKind.COMPLETENESS_CHECKED, by)
        return task


@transaction.atomic
def task_request_information(
    *, task: DepartmentTask, by, text: str, due_on: date | None
) -> InformationRequest:
    """Ask the business for what is missing; the task's clock pauses until it answers."""
    errors: dict[str, list[str]] = {}
    with locked_task(task) as (task, _process):
        require_open(task)
        if not may_work_task(by, task) or task.kind != TaskKind.DECISION:
            raise PermissionDenied
        if task.status == TaskStatus.WAITING:
            add_error(errors, "text", _("The business has not answered the last request yet."))
        text = check_text(
            text,
            "text",
            errors,
            limit=TEXT_MAX_LENGTH,
            missing=_("Write what the business must send."),
        )
        today = local_date(timezone.now())
        if not isinstance(due_on, date):
            add_error(errors, "due_on", _("Give the date the business must answer by."))
        elif due_on <= today:
            add_error(errors, "due_on", _("The date must be after today."))
        elif (due_on - today).days > MAX_DUE_DAYS:
            add_error(
                errors,
                "due_on",
                _("The date may be at most %(days)d days ahead.") % {"days": MAX_DUE_DAYS},
            )
        if errors:
            raise ValidationError(errors)
        take_if_unassigned(task, by)
        request = InformationRequest.objects.create(
            task=task, text=text, due_on=due_on, requested_by=by
        )
        task.status = TaskStatus.WAITING
        task.paused_since = today
        task.save(update_fields=["status", "paused_since", "assignee"])
        task_event(
            task,
            EventKind.INFORMATION_REQUESTED,
            by,
            note=text,
            request=request.pk,
            due_on=due_on.isoformat(),
        )
        case_notification_add(
            case=task.case, kind=NotificationKind.INFORMATION_REQUEST, pk=request.pk
        )
    return request


def task_resume(task: DepartmentTask, *, today: date) -> None:
    """End the running pause: its units count as paused, the deadline and the warning date
    move on (the caller saves ``paused_units, paused_since, deadline, warning_on, status``)."""
    if task.paused_since is None:
        return
    names = settings.KES_CLOSING_DAYS
    task.paused_units += units_between(
        task.paused_since, today, task.target_unit, closing_days=names
    )
    task.paused_since = None
    if task.target_days:
        task.deadline = deadline_after_paused_units(
            task.received_on,
            task.target_days,
            task.target_unit,
            task.paused_units,
            closing_days=names,
        )
        task.warning_on = warning_on_for(
            task.received_on, task.target_days, task.target_unit, task.paused_units
        )
    task.status = TaskStatus.IN_REVIEW


def _check_decision(outcome, texts, errors):
    """The statement and the parts of ``outcome`` checked; the parts of other outcomes
    dropped (``decision_parts``)."""
    if outcome not in Outcome.values:
        add_error(errors, "outcome", _("Choose the decision."))
    statement = check_text(
        texts.get("statement"),
        "statement",
        errors,
        limit=TEXT_MAX_LENGTH,
        missing=_("Write the statement."),
    )
    cleaned = {"statement": statement}
    for field, text in parts_kept(outcome, texts).items():
        cleaned[field] = check_text(text, field, errors, limit=TEXT_MAX_LENGTH)
    missing = {
        "conditions": _("Write the conditions of the approval."),
        # Det gode nej: a rejection explains the rules and the way forward.
        "provisions": _("Explain in plain words the rules the rejection rests on."),
        "way_forward": _("Explain what would make the project approvable."),
        "alternatives": _("Describe the alternatives open to the business."),
        "complaint": _("Explain how the business can complain."),
    }
    for field in REQUIRED_PARTS.get(outcome, ()):
        if not cleaned[field]:
            add_error(errors, field, missing[field])
    return cleaned


def _decision_checked(task, by, outcome, texts) -> dict:
    """The decision's texts as they would be stored, or ValidationError; ``task`` is read
    under its flow's lock by the caller that writes."""
    errors: dict[str, list[str]] = {}
    require_open(task)
    if not may_work_task(by, task) or task.kind != TaskKind.DECISION:
        raise PermissionDenied
    if task.status == TaskStatus.WAITING:
        add_error(errors, "outcome", _("The business has not answered the request yet."))
    cleaned = _check_decision(outcome, texts, errors)
    if errors:
        raise ValidationError(errors)
    return {"outcome": outcome, **cleaned}


def task_decision_check(
    *,
    task: DepartmentTask,
    by,
    outcome: str,
    statement: str = "",
    conditions: str = "",
    provisions: str = "",
    way_forward: str = "",
    alternatives: str = "",
    complaint: str = "",
) -> dict:
    """What ``task_decide`` would store, checked the same way, with nothing written: the
    draft the caseworker previews as a letter before confirming."""
    texts = {
        "statement": statement,
        "conditions": conditions,
        "provisions": provisions,
        "way_forward": way_forward,
        "alternatives": alternatives,
        "complaint": complaint,
    }
    return _decision_checked(task, by, outcome, texts)


@transaction.atomic
def task_decide(
    *,
    task: DepartmentTask,
    by,
    outcome: str,
    statement: str = "",
    conditions: str = "",
    provisions: str = "",
    way_forward: str = "",
    alternatives: str = "",
    complaint: str = "",
) -> Decision:
    """Decide a service for a department: approve, approve with conditions or reject.

    A rejection must be constructive (governance document 3.2.1 and 5.1): the rules it
    rests on, what would make the project approvable, the alternatives and how to
    complain; the parts of other outcomes are dropped (``decision_parts``). A caseworker
    who decides a task nobody has taken takes it, in the same transaction and with its
    audit event. When it is the case's last open task, the flow closes the case.
    """
    texts = {
        "statement": statement,
        "conditions": conditions,
        "provisions": provisions,
        "way_forward": way_forward,
        "alternatives": alternatives,
        "complaint": complaint,
    }
    with locked_task(task) as (task, process):
        cleaned = _decision_checked(task, by, outcome, texts)
        del cleaned["outcome"]
        now = timezone.now()
        today = local_date(now)
        gross = units_between(
            task.received_on, today, task.target_unit, closing_days=settings.KES_CLOSING_DAYS
        )
        take_if_unassigned(task, by)
        net = max(gross - task.paused_units, 0)
        decision = Decision.objects.create(
            task=task,
            outcome=outcome,
            decided_by=by,
            decided_at=now,
            gross_units=gross,
            net_units=net,
            national_days=task_national_days(task, today),
            **decision_facts(task, net_units=net),
            **cleaned,
        )
        task.status = TaskStatus.DONE
        task.completed_at = now
        task.save(update_fields=["status", "completed_at", "assignee"])
        task_event(task, EventKind.DECIDED, by, outcome=outcome, decision=decision.pk)
        flow_task_complete(task, process)
        return decision


__all__ = [
    "task_assign",
    "task_completeness_confirm",
    "task_decide",
    "task_decision_check",
    "task_request_information",
    "task_resume",
    "task_unassign",
]
