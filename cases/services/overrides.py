"""Staff change a case's track (DESIGN.md §3): with a written reason, audited.

Rules:
- only KES staff, only on an open case, only with a reason;
- a straksafklaring is neither changed nor made: a question KES answers has no departments,
  and an application for departments is not a question;
- while the case waits for KES's first task (virksomhedslods / stjernemøde), it may move
  between those two (the task becomes "assign a pilot" or "triage"), or to selvbetjening /
  medbetjening, which ends KES's task and starts the departments' tasks;
- once the departments work on the case, it may move between selvbetjening and medbetjening
  only: the departments' tasks go on as they are.
The reason is kept on the case as a reason and in the audit event.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role

from ..constants import CaseStatus, EventKind, TaskStatus, Track
from ..models import Case, CaseEvent, CaseReason, Decision, DepartmentTask
from ..tracks import KES_FIRST_TASK_KINDS, kes_task_of, override_allowed
from .checks import check_text
from .routing import flow_task_complete, process_of

REASON_MAX_LENGTH = 2000


def _check(case, track, reason, waiting_task) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if track not in Track.values or track == case.track:
        errors["track"] = [_("Choose another track.")]
    elif Track.IMMEDIATE in (track, case.track):
        errors["track"] = [
            _("A question answered by KES cannot change track, nor can a case become one.")
        ]
    elif not override_allowed(case.track, track, kes_first_task_open=waiting_task is not None):
        errors["track"] = [
            _(
                "The departments already work on this case: it can only move between "
                "self-service and assisted."
            )
        ]
    check_text(
        reason, "reason", errors, limit=REASON_MAX_LENGTH, missing=_("Write why the track changes.")
    )
    if case.status == CaseStatus.CLOSED:
        errors["track"] = [_("The case is closed.")]
    return errors


@transaction.atomic
def case_track_override(*, case: Case, by, track: str, reason: str) -> Case:
    if not has_role(by, Role.KES_STAFF):
        raise PermissionDenied
    reason = (reason or "").strip()
    process = process_of(case)
    with process.flow_class.lock(process.pk):
        case = Case.objects.select_for_update().get(pk=case.pk)
        waiting = (
            DepartmentTask.objects.filter(
                case=case,
                kind__in=KES_FIRST_TASK_KINDS,
                status__in=[TaskStatus.OPEN, TaskStatus.IN_REVIEW],
            )
            .select_related("department", "case")
            .first()
        )
        errors = _check(case, track, reason, waiting)
        if errors:
            raise ValidationError(errors)
        now = timezone.now()
        previous = case.track
        case_track_change(
            case=case, process=process, track=track, reason=reason, code="track_override"
        )
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.TRACK_OVERRIDDEN,
            at=now,
            actor=by,
            note=reason,
            data={"from": previous, "to": track},
        )
        if waiting is not None and kes_task_of(track) is not None:
            kes_first_task_retrack(task=waiting, track=track)
        elif waiting is not None:
            # The departments take over: KES's first task is done.
            kes_first_task_done(task=waiting, process=process, by=by, at=now, note=reason)
        return case


def case_track_change(*, case: Case, process, track: str, reason: str, code: str) -> None:
    """Put the case and its process on ``track`` and keep ``reason`` on the case under
    ``code``. The caller holds the flow's lock and records its own event."""
    case.track = track
    case.save(update_fields=["track"])
    # The statistics count a decided task under its case's track of now.
    Decision.objects.filter(case=case).update(track=track)
    process.data = {**process.data, "track": track}
    process.save(update_fields=["data"])
    CaseReason.objects.create(
        case=case, code=code, text_da=reason, text_en=reason, position=case.reasons.count()
    )


def kes_first_task_done(*, task: DepartmentTask, process, by, at, note: str, **data) -> None:
    """KES's first task done at ``at``, with its audit event (``data`` added to the event's
    task and department), and the flow goes on to the departments' tasks. The caller holds
    the flow's lock."""
    task.status = TaskStatus.DONE
    task.completed_at = at
    task.save(update_fields=["status", "completed_at"])
    CaseEvent.objects.create(
        case_id=task.case_id,
        kind=EventKind.KES_TASK_DONE,
        at=at,
        actor=by,
        note=note,
        data={"task": task.pk, "department": task.department.code, **data},
    )
    flow_task_complete(task, process)


def kes_first_task_retrack(*, task: DepartmentTask, track: str) -> DepartmentTask:
    """KES's open first task becomes the task of ``track`` (triage ⇄ assign a pilot) in
    place: the same row, so its received date, creation time and clock go on. The caller
    has set the case's and the process's track under the flow's lock."""
    task.kind = kes_task_of(track)
    task.save(update_fields=["kind"])
    return task
