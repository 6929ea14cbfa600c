"""Visitation: the triage committee decides a proposed star meeting (governance document,
appendix, the star-meeting flowchart; 5.1 "øget brug af stjernemøder").

- Approve: the meeting is to be planned (``StarMeeting`` in planning, its checklist from the
  services' required documents), KES's triage task is done, and the departments' tasks start
  through the flow (their clocks run from the case's received date, as always).
- Decline, with a reason: the case continues as a business-pilot case. KES's open task
  becomes "assign a business pilot" in place (the same row: the time already used on it is
  kept), and the business is told why in its language (an outbox row).

Only the triage committee decides; a case that is not a proposal waiting for it is refused.
"""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role

from ..constants import (
    OPEN_TASK_STATUSES,
    EventKind,
    NotificationKind,
    TaskKind,
    Track,
)
from ..models import (
    Case,
    CaseEvent,
    CaseService,
    ChecklistItem,
    DepartmentTask,
    StarMeeting,
    TriageDecision,
)
from .checks import check_text
from .outbox import case_notification_add
from .overrides import case_track_change, kes_first_task_done, kes_first_task_retrack
from .routing import process_of

REASON_MAX_LENGTH = 2000


def _waiting_triage(case: Case):
    """The case locked with its open triage task; ValidationError when it is not a
    proposal waiting for the committee (decided already, or moved to another track)."""
    case = Case.objects.select_for_update().select_related("business").get(pk=case.pk)
    task = (
        DepartmentTask.objects.select_related("department", "case")
        .filter(case=case, kind=TaskKind.TRIAGE, status__in=OPEN_TASK_STATUSES)
        .first()
    )
    if case.track != Track.STAR_MEETING or task is None:
        raise ValidationError({"case": [_("This case is not a proposal waiting for triage.")]})
    return case, task


def _checklist_from_services(meeting: StarMeeting) -> None:
    rows = CaseService.objects.filter(case=meeting.case).select_related("service")
    rows = rows.prefetch_related("service__required_documents").order_by("position", "pk")
    items = []
    for row in rows:
        for document in row.service.required_documents.all():
            items.append(
                ChecklistItem(
                    meeting=meeting,
                    service=row.service,
                    required_document_code=document.code,
                    label_da=document.name_da or document.name,
                    label_en=document.name_en or document.name_da or document.name,
                    position=len(items),
                )
            )
    ChecklistItem.objects.bulk_create(items)


def _reason(reason, *, required: bool) -> str:
    errors: dict[str, list[str]] = {}
    if not isinstance(reason, str | None):
        errors["reason"] = [_("Write the reason as text.")]
        raise ValidationError(errors)
    reason = check_text(
        reason,
        "reason",
        errors,
        limit=REASON_MAX_LENGTH,
        missing=_("Write why the star meeting is declined.") if required else None,
    )
    if errors:
        raise ValidationError(errors)
    return reason


@contextmanager
def _deciding(case: Case, by, reason, *, approved: bool):
    """The committee's decision on ``case`` recorded under the flow's lock (a reason is
    required to decline); yields the process, the locked case, its triage task and the
    decision for the rest of the approval or decline."""
    if not has_role(by, Role.TRIAGE):
        raise PermissionDenied
    reason = _reason(reason, required=not approved)
    process = process_of(case)
    with process.flow_class.lock(process.pk):
        case, task = _waiting_triage(case)
        decision = TriageDecision.objects.create(
            case=case, approved=approved, reason=reason, decided_by=by, decided_at=timezone.now()
        )
        yield process, case, task, decision


@transaction.atomic
def triage_approve(*, case: Case, by, reason: str = "") -> StarMeeting:
    """The committee approves the star meeting: KES plans it, the departments start."""
    with _deciding(case, by, reason, approved=True) as (process, case, task, decision):
        now, reason = decision.decided_at, decision.reason
        meeting, _created = StarMeeting.objects.get_or_create(case=case)
        if not meeting.checklist.exists():
            _checklist_from_services(meeting)
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.TRIAGE_APPROVED,
            at=now,
            actor=by,
            note=reason,
            data={"decision": decision.pk, "meeting": meeting.pk},
        )
        kes_first_task_done(
            task=task, process=process, by=by, at=now, note=reason, task_kind=task.kind
        )
        return meeting


@transaction.atomic
def triage_decline(*, case: Case, by, reason: str) -> TriageDecision:
    """The committee declines the star meeting with a reason: the case becomes a
    business-pilot case waiting for KES, on the same task and clock."""
    with _deciding(case, by, reason, approved=False) as (process, case, task, decision):
        now, reason = decision.decided_at, decision.reason
        case_track_change(
            case=case, process=process, track=Track.PILOT, reason=reason, code="triage_declined"
        )
        kes_first_task_retrack(task=task, track=Track.PILOT)
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.TRIAGE_DECLINED,
            at=now,
            actor=by,
            note=reason,
            data={
                "decision": decision.pk,
                "task": task.pk,
                "from": Track.STAR_MEETING,
                "to": Track.PILOT,
            },
        )
        case_notification_add(case=case, kind=NotificationKind.TRIAGE_DECLINED, pk=decision.pk)
        return decision
