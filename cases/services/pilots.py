"""Virksomhedslods: the business pilot's steps on a case (DESIGN.md §1, the governance
document's appendix, 3.2.1 and 5.1: "key account funktion", "én kontaktperson").

1. KES staff assign a pilot (``case_pilot_assign``) while KES's "assign a pilot" task is
   open: the case names the pilot, the task passes to them, the business is told (outbox).
2. The pilot records, per involved department, whom the business was put in touch with
   (``pilot_introduction_add``), then completes the introduction
   (``pilot_introduction_complete``): KES's task is done and the departments start.
3. When every department has decided, the case waits for the pilot, who closes it with a
   short summary (``pilot_case_close``); the combined decision letter includes it.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role
from routing.calendar import local_date
from routing.constants import KES_DEPARTMENT_CODE

from ..constants import CaseStatus, EventKind, NotificationKind, TaskKind, TaskStatus
from ..models import (
    Case,
    CaseEvent,
    CaseService,
    DepartmentTask,
    PilotIntroduction,
    PilotSummary,
)
from ..tracks import closes_via_pilot
from .checks import add_error, check_text
from .outbox import case_notification_add
from .routing import flow_task_complete, pilot_close_task_of, process_of
from .task_steps import locked_task, task_event
from .work import TEXT_MAX_LENGTH

CONTACT_MAX_LENGTH = 200
PHONE_MAX_LENGTH = 40
SUMMARY_MAX_LENGTH = 3000
# An introduction is recorded when it happens; a year back covers cases registered late.
INTRODUCTION_MAX_DAYS_BACK = 366
_PHONE_CHARACTERS = set("0123456789 +-()/.")


def is_pilot(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and has_role(user, Role.PILOT))


def _assign_task(case: Case) -> DepartmentTask | None:
    return (
        DepartmentTask.objects.filter(case=case, kind=TaskKind.ASSIGN_PILOT)
        .exclude(status=TaskStatus.DONE)
        .select_related("case", "department")
        .first()
    )


def involved_department_ids(case: Case) -> set[int]:
    """The departments that will decide the case's services (KES aside): each needs an
    introduction before they start."""
    ids = CaseService.departments.through.objects.filter(caseservice__case_id=case.pk)
    return set(
        ids.exclude(department__code=KES_DEPARTMENT_CODE).values_list("department_id", flat=True)
    )


def pilot_assigned_notice_add(*, case: Case, event: CaseEvent) -> None:
    """The outbox row that tells the business who its pilot is (one per assignment)."""
    case_notification_add(case=case, kind=NotificationKind.PILOT_ASSIGNED, pk=event.pk)


@transaction.atomic
def case_pilot_assign(*, case: Case, pilot, by) -> Case:
    """KES staff name ``pilot`` the case's one contact person while KES's "assign a pilot"
    task is open (naming another one again is allowed until the introduction is done)."""
    if not has_role(by, Role.KES_STAFF):
        raise PermissionDenied
    task = _assign_task(case)
    if task is None:
        raise ValidationError({"pilot": [_("This case is not waiting for a business pilot.")]})
    with locked_task(task) as (task, _process):
        case = Case.objects.select_for_update().select_related("business").get(pk=case.pk)
        if task.status == TaskStatus.DONE or case.status == CaseStatus.CLOSED:
            raise ValidationError({"pilot": [_("This case is not waiting for a business pilot.")]})
        if not is_pilot(pilot):
            raise ValidationError({"pilot": [_("Choose one of the business pilots.")]})
        if case.pilot_id == pilot.pk:
            return case
        previous = case.pilot_id
        now = timezone.now()
        case.pilot = pilot
        case.pilot_assigned_at = now
        case.save(update_fields=["pilot", "pilot_assigned_at"])
        task.assignee = pilot
        task.save(update_fields=["assignee"])
        event = task_event(task, EventKind.PILOT_ASSIGNED, by, to=pilot.pk, previous=previous)
        pilot_assigned_notice_add(case=case, event=event)
        return case


def _require_pilot_of(case: Case, by) -> None:
    if by is None or by.pk != case.pilot_id:
        raise PermissionDenied


def _check_phone(value, errors) -> str:
    value = check_text(value, "contact_phone", errors, limit=PHONE_MAX_LENGTH)
    if value and not set(value) <= _PHONE_CHARACTERS:
        add_error(errors, "contact_phone", _("Write a phone number with digits, e.g. 33 66 33 66."))
    return value


def _check_email(value, errors) -> str:
    value = check_text(value, "contact_email", errors, limit=254)
    if value and "contact_email" not in errors:
        try:
            validate_email(value)
        except ValidationError:
            add_error(errors, "contact_email", _("Write a valid e-mail address."))
    return value


def _check_introduced_on(value, errors) -> date | None:
    today = local_date(timezone.now())
    if not isinstance(value, date):
        add_error(errors, "introduced_on", _("Give the date of the introduction."))
        return None
    if value > today:
        add_error(errors, "introduced_on", _("The introduction cannot be in the future."))
    elif value < today - timedelta(days=INTRODUCTION_MAX_DAYS_BACK):
        add_error(errors, "introduced_on", _("The introduction can be at most a year back."))
    return value


@transaction.atomic
def pilot_introduction_add(
    *,
    case: Case,
    by,
    department_id,
    contact_name: str,
    introduced_on: date,
    contact_email: str = "",
    contact_phone: str = "",
    note: str = "",
) -> PilotIntroduction:
    """The pilot records whom in a department the business was put in touch with, and
    when. Only the case's pilot, only on an open case, only for an involved department."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_pilot_of(case, by)
    errors: dict[str, list[str]] = {}
    if case.status == CaseStatus.CLOSED:
        add_error(errors, "department", _("The case is closed."))
    if not isinstance(department_id, int) or department_id not in involved_department_ids(case):
        add_error(errors, "department", _("Choose one of the departments of the case."))
    contact_name = check_text(
        contact_name,
        "contact_name",
        errors,
        limit=CONTACT_MAX_LENGTH,
        missing=_("Write whom the business was put in touch with."),
    )
    contact_email = _check_email(contact_email, errors)
    contact_phone = _check_phone(contact_phone, errors)
    introduced_on = _check_introduced_on(introduced_on, errors)
    note = check_text(note, "note", errors, limit=TEXT_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    introduction = PilotIntroduction.objects.create(
        case=case,
        department_id=department_id,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        introduced_on=introduced_on,
        note=note,
        recorded_by=by,
    )
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.PILOT_INTRODUCED,
        actor=by,
        note=note,
        data={
            "introduction": introduction.pk,
            "department_id": department_id,
            "introduced_on": introduced_on.isoformat(),
        },
    )
    return introduction


def missing_introductions(case: Case) -> set[int]:
    """The involved departments the business has not been introduced to yet."""
    introduced = set(
        PilotIntroduction.objects.filter(case=case).values_list("department_id", flat=True)
    )
    return involved_department_ids(case) - introduced


@transaction.atomic
def pilot_introduction_complete(*, case: Case, by) -> DepartmentTask:
    """The business knows its contacts in every involved department: KES's task is done
    and the department tasks start, as in the engine."""
    task = _assign_task(case)
    if task is None:
        raise ValidationError({"task": [_("The introduction is already complete.")]})
    with locked_task(task) as (task, process):
        _require_pilot_of(task.case, by)
        if task.status == TaskStatus.DONE:
            raise ValidationError({"task": [_("The introduction is already complete.")]})
        if missing_introductions(task.case):
            raise ValidationError(
                {"task": [_("Record an introduction for every department of the case first.")]}
            )
        task.status = TaskStatus.DONE
        task.completed_at = timezone.now()
        task.save(update_fields=["status", "completed_at"])
        task_event(task, EventKind.KES_TASK_DONE, by, task_kind=task.kind)
        flow_task_complete(task, process)
        return task


def waits_for_pilot_close(case: Case) -> bool:
    """Every department has decided and the case waits for its pilot's summary."""
    return (
        case.status != CaseStatus.CLOSED
        and closes_via_pilot(case.track)
        and case.pilot_id is not None
        and not case.tasks.exclude(status=TaskStatus.DONE).exists()
        and case.tasks.filter(kind=TaskKind.DECISION).exists()
    )


@transaction.atomic
def pilot_case_close(*, case: Case, by, summary: str) -> Case:
    """The pilot closes the case with a short summary to the business; the case closes
    and the combined decision letter (which includes the summary) is sent."""
    process = process_of(case)
    with process.flow_class.lock(process.pk):
        case = Case.objects.select_for_update().get(pk=case.pk)
        _require_pilot_of(case, by)
        flow_task = pilot_close_task_of(process)
        if case.status == CaseStatus.CLOSED or flow_task is None:
            raise ValidationError(
                {"summary": [_("The case can be closed once every department has decided.")]}
            )
        errors: dict[str, list[str]] = {}
        summary = check_text(
            summary,
            "summary",
            errors,
            limit=SUMMARY_MAX_LENGTH,
            missing=_("Write a short summary to the business."),
        )
        if errors:
            raise ValidationError(errors)
        PilotSummary.objects.create(case=case, text=summary, written_by=by)
        CaseEvent.objects.create(case=case, kind=EventKind.PILOT_SUMMARY_WRITTEN, actor=by)
        flow_task.flow_task.run(flow_task)
        case.refresh_from_db()
        return case
