"""Before and after a star meeting: the business's material, the minutes, and for each
involved department what came of the meeting.

- Material (the business): files for a checklist item, checked like every upload.
- Minutes (KES staff, once the meeting has started): who attended, what was discussed; the
  meeting is held. The minutes are a section of the combined decision letter.
- Outcome per department (a member of the department): a decision given at the meeting,
  recorded as that department's decision on each of its tasks (``task_decide``, with the
  constructive parts of a rejection), or a follow-up with its own due date
  (``follow_up_create``): the task stays open and the follow-up's date is the deadline
  agreed at the meeting. The case then closes like any other when its last task is decided.
"""

from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role
from routing.models import DepartmentMembership

from ..constants import (
    OPEN_TASK_STATUSES,
    CaseStatus,
    EventKind,
    FollowUpSource,
    MeetingStatus,
    TaskKind,
)
from ..models import (
    CaseDocument,
    CaseEvent,
    ChecklistItem,
    DepartmentTask,
    MeetingMinutes,
    MeetingOutcome,
    StarMeeting,
)
from ..permissions import is_business_of
from .checks import add_error, check_text
from .follow_ups import FOLLOW_UP_MAX_DAYS_AHEAD, follow_up_create
from .meetings import OPEN_MEETING_STATUSES, involved_department_ids
from .work import TEXT_MAX_LENGTH, task_decide
from .writes import case_attachments_check, documents_attach, documents_prepare

MATERIAL_MAX_FILES = 10


@transaction.atomic
def checklist_material_upload(*, item: ChecklistItem, by, files: Sequence) -> list[CaseDocument]:
    """The business uploads material for a checklist item before the meeting."""
    item = ChecklistItem.objects.select_related("meeting__case").get(pk=item.pk)
    meeting, case = item.meeting, item.meeting.case
    if not is_business_of(by, case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    files = [upload for upload in files or () if upload is not None]
    if meeting.status not in OPEN_MEETING_STATUSES or case.status == CaseStatus.CLOSED:
        add_error(errors, "files", _("The meeting has been held or cancelled."))
    elif not files:
        add_error(errors, "files", _("Choose a file to upload."))
    elif len(files) > MATERIAL_MAX_FILES:
        add_error(
            errors,
            "files",
            _("Upload at most %(count)d files at a time.") % {"count": MATERIAL_MAX_FILES},
        )
    if errors:
        raise ValidationError(errors)
    attachments = case_attachments_check(
        case=case, files=files, service=item.service, code=item.required_document_code
    )
    stored: list[str] = []
    try:
        documents = documents_prepare(
            attachments=attachments, uploaded_by=by, at=timezone.now(), stored=stored
        )
        for document in documents:
            document.checklist_item = item
        CaseEvent.objects.bulk_create(documents_attach(case=case, documents=documents))
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return documents


@transaction.atomic
def meeting_minutes_record(
    *, meeting: StarMeeting, by, attendees: str, discussion: str, attended_user_ids=()
) -> MeetingMinutes:
    """Write the minutes of a meeting that has started; the meeting is held."""
    if not has_role(by, Role.KES_STAFF):
        raise PermissionDenied
    meeting = StarMeeting.objects.select_for_update().get(pk=meeting.pk)
    errors: dict[str, list[str]] = {}
    if meeting.status != MeetingStatus.PLANNED:
        add_error(errors, "discussion", _("Only a planned meeting can get minutes."))
    elif meeting.starts_at > timezone.now():
        add_error(errors, "discussion", _("The minutes are written after the meeting."))
    for field, value in (("attendees", attendees), ("discussion", discussion)):
        if not isinstance(value, str | None):
            add_error(errors, field, _("Write this as text."))
    if errors:
        raise ValidationError(errors)
    attendees = check_text(
        attendees,
        "attendees",
        errors,
        limit=TEXT_MAX_LENGTH,
        missing=_("Write who attended."),
    )
    discussion = check_text(
        discussion,
        "discussion",
        errors,
        limit=TEXT_MAX_LENGTH,
        missing=_("Write what was discussed."),
    )
    try:
        attended = {int(pk) for pk in attended_user_ids or ()}
    except (TypeError, ValueError):
        add_error(errors, "attended", _("Choose the participants who attended."))
        attended = set()
    if errors:
        raise ValidationError(errors)
    minutes = MeetingMinutes.objects.create(
        meeting=meeting, attendees=attendees, discussion=discussion, written_by=by
    )
    for participant in meeting.participants.all():
        participant.attended = participant.user_id in attended
        participant.save(update_fields=["attended"])
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    CaseEvent.objects.create(
        case_id=meeting.case_id,
        kind=EventKind.MEETING_MINUTES_RECORDED,
        actor=by,
        data={"meeting": meeting.pk, "minutes": minutes.pk},
    )
    return minutes


def _department_tasks(meeting, department) -> list[DepartmentTask]:
    return list(
        DepartmentTask.objects.filter(
            case_id=meeting.case_id,
            department=department,
            kind=TaskKind.DECISION,
            status__in=OPEN_TASK_STATUSES,
        )
        .select_related("case", "department")
        .order_by("pk")
    )


def _check_follow_up(text, due_on) -> None:
    errors: dict[str, list[str]] = {}
    if not isinstance(text, str | None):
        add_error(errors, "follow_up_text", _("Write this as text."))
    else:
        check_text(
            text,
            "follow_up_text",
            errors,
            limit=TEXT_MAX_LENGTH,
            missing=_("Write what the department follows up."),
        )
    today = timezone.localdate()
    if not isinstance(due_on, date) or isinstance(due_on, datetime):
        add_error(errors, "follow_up_due_on", _("Give the date the follow-up is due."))
    elif due_on < today:
        add_error(errors, "follow_up_due_on", _("The due date cannot be in the past."))
    elif (due_on - today).days > FOLLOW_UP_MAX_DAYS_AHEAD:
        add_error(errors, "follow_up_due_on", _("The due date can be at most a year ahead."))
    if errors:
        raise ValidationError(errors)


DECISION_FIELDS = (
    "outcome",
    "statement",
    "conditions",
    "provisions",
    "way_forward",
    "alternatives",
    "complaint",
)


def _decision_fields(decision) -> dict[str, str]:
    """``task_decide``'s arguments from ``decision``; anything but text is refused here."""
    if not isinstance(decision, dict):
        raise ValidationError({"outcome": [_("Choose the decision.")]})
    errors: dict[str, list[str]] = {}
    fields = {}
    for field in DECISION_FIELDS:
        value = decision.get(field) or ""
        if not isinstance(value, str):
            add_error(errors, field, _("Write this as text."))
        fields[field] = value if isinstance(value, str) else ""
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def meeting_outcome_record(
    *,
    meeting: StarMeeting,
    department,
    by,
    decided_at_meeting: bool,
    decision: dict | None = None,
    follow_up_text: str = "",
    follow_up_due_on: date | None = None,
) -> MeetingOutcome:
    """What came of the meeting for ``department``: its decision (``decision`` holds
    ``task_decide``'s outcome and texts, given on each of its open tasks) or a follow-up
    due on ``follow_up_due_on``. Recorded once per department, by one of its members."""
    meeting = StarMeeting.objects.select_for_update().select_related("case").get(pk=meeting.pk)
    if not DepartmentMembership.objects.filter(user=by, department=department).exists():
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if meeting.status != MeetingStatus.HELD:
        add_error(errors, "outcome", _("Write the minutes of the meeting first."))
    elif department.pk not in involved_department_ids(meeting):
        add_error(errors, "department", _("Choose a department involved in the case."))
    elif MeetingOutcome.objects.filter(meeting=meeting, department=department).exists():
        add_error(errors, "outcome", _("The outcome for this department is recorded already."))
    if not isinstance(decided_at_meeting, bool):
        add_error(errors, "outcome", _("Choose a decision or a follow-up."))
    tasks = _department_tasks(meeting, department)
    if not errors and not tasks:
        add_error(errors, "outcome", _("The department has no open task on this case."))
    if errors:
        raise ValidationError(errors)
    if decided_at_meeting:
        decision = _decision_fields(decision)
        outcome = MeetingOutcome.objects.create(
            meeting=meeting, department=department, decided_at_meeting=True
        )
        for task in tasks:
            task_decide(task=task, by=by, **decision)
        return outcome
    _check_follow_up(follow_up_text, follow_up_due_on)
    # Written for the department as the meeting's outcome (not as a pilot's own follow-up),
    # once per meeting and department; who agreed it is the minutes' business.
    follow_up = follow_up_create(
        case=meeting.case,
        text=follow_up_text,
        due_on=follow_up_due_on,
        department=department,
        task=tasks[0],
        source=FollowUpSource.MEETING,
        key=f"meeting:{meeting.pk}:{department.pk}",
    )
    return MeetingOutcome.objects.create(
        meeting=meeting, department=department, decided_at_meeting=False, follow_up=follow_up
    )
