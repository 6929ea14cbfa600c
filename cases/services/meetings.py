"""Planning a star meeting: KES sets the time and place, the participants come from every
involved department, the business brings what the checklist asks for.

- Plan (KES staff): date, time, place or video link, the business's attendees. The first
  plan sends invitations; every later change is a reschedule that sends an update with the
  same UID and a higher SEQUENCE; a cancellation sends METHOD:CANCEL.
- Participants: the planner picks any member of an involved department (or of KES); a
  department's lead nominates members of their own department. A participant added to a
  planned meeting gets the current invitation.
- The checklist: the services' required documents (written at approval) and free items.

Invitations are outbox rows, one per recipient and SEQUENCE (``invitations_add``); the
deliverer builds each mail in its recipient's language (``cases.services.invitations``).
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role
from routing.constants import KES_DEPARTMENT_CODE, MembershipRole
from routing.models import DepartmentMembership

from ..constants import EventKind, MeetingStatus, TaskKind
from ..models import CaseEvent, ChecklistItem, DepartmentTask, MeetingParticipant, StarMeeting
from .checks import add_error, check_text
from .invitations import invitations_add

# A meeting further ahead than this is a typing error, not a plan.
MEETING_MAX_DAYS_AHEAD = 2 * 366
MEETING_MAX_HOURS = 12
PLACE_MAX_LENGTH = 300
VIDEO_URL_MAX_LENGTH = 200
ATTENDEES_MAX = 20
NAME_MAX_LENGTH = 200
# Keeps the invitation's outbox key (``…:attendee:<email>``) within its 200 characters.
ATTENDEE_EMAIL_MAX_LENGTH = 120
LABEL_MAX_LENGTH = 300
REASON_MAX_LENGTH = 2000
OPEN_MEETING_STATUSES = (MeetingStatus.PLANNING, MeetingStatus.PLANNED)


def _text(value, field, errors, *, limit, missing=None) -> str:
    if not isinstance(value, str | None):
        add_error(errors, field, _("Write this as text."))
        return ""
    return check_text(value, field, errors, limit=limit, missing=missing)


def _check_times(starts_at, ends_at, errors, *, now) -> None:
    if not isinstance(starts_at, datetime) or timezone.is_naive(starts_at):
        add_error(errors, "starts_at", _("Give the date and time the meeting starts."))
        return
    if starts_at <= now:
        add_error(errors, "starts_at", _("The meeting must start in the future."))
    elif starts_at - now > timedelta(days=MEETING_MAX_DAYS_AHEAD):
        add_error(errors, "starts_at", _("The meeting can be at most two years ahead."))
    if not isinstance(ends_at, datetime) or timezone.is_naive(ends_at):
        add_error(errors, "ends_at", _("Give the time the meeting ends."))
    elif ends_at <= starts_at:
        add_error(errors, "ends_at", _("The meeting must end after it starts."))
    elif ends_at - starts_at > timedelta(hours=MEETING_MAX_HOURS):
        add_error(
            errors,
            "ends_at",
            _("A meeting can last at most %(hours)d hours.") % {"hours": MEETING_MAX_HOURS},
        )


def _check_video_url(video_url, errors) -> str:
    video_url = _text(video_url, "video_url", errors, limit=VIDEO_URL_MAX_LENGTH)
    if video_url:
        try:
            URLValidator(schemes=["https"])(video_url)
        except ValidationError:
            add_error(errors, "video_url", _("Give the video link as an https:// address."))
    return video_url


def _check_attendees(attendees, errors) -> list[dict[str, str]]:
    if attendees is None:
        return []
    if not isinstance(attendees, list | tuple) or len(attendees) > ATTENDEES_MAX:
        add_error(
            errors,
            "business_attendees",
            _("List at most %(count)d attendees, each with a name and an e-mail address.")
            % {"count": ATTENDEES_MAX},
        )
        return []
    cleaned = []
    for attendee in attendees:
        if not isinstance(attendee, dict):
            add_error(errors, "business_attendees", _("Give each attendee's name and e-mail."))
            continue
        name = _text(attendee.get("name"), "business_attendees", errors, limit=NAME_MAX_LENGTH)
        email = _text(
            attendee.get("email"),
            "business_attendees",
            errors,
            limit=ATTENDEE_EMAIL_MAX_LENGTH,
            missing=_("Give each attendee's e-mail address."),
        )
        try:
            if email:
                validate_email(email)
        except ValidationError:
            add_error(
                errors,
                "business_attendees",
                _("“%(email)s” is not an e-mail address.") % {"email": email},
            )
        cleaned.append({"name": name, "email": email.lower()})
    return cleaned


def _locked(meeting: StarMeeting) -> StarMeeting:
    return (
        StarMeeting.objects.select_for_update().select_related("case__business").get(pk=meeting.pk)
    )


def _planner_locked(meeting: StarMeeting, by, *, field: str):
    """The meeting locked for KES's planner, with the errors so far: on ``field`` when the
    meeting has been held or cancelled."""
    if not has_role(by, Role.KES_STAFF):
        raise PermissionDenied
    meeting = _locked(meeting)
    errors: dict[str, list[str]] = {}
    if meeting.status not in OPEN_MEETING_STATUSES:
        add_error(errors, field, _("The meeting has been held or cancelled."))
    return meeting, errors


def _event(meeting, kind, by, *, note="", **data) -> None:
    CaseEvent.objects.create(
        case_id=meeting.case_id,
        kind=kind,
        actor=by,
        note=note,
        data={"meeting": meeting.pk, **data},
    )


@transaction.atomic
def star_meeting_plan(
    *,
    meeting: StarMeeting,
    by,
    starts_at,
    ends_at,
    place: str = "",
    video_url: str = "",
    business_attendees=None,
) -> StarMeeting:
    """Set (or change) the meeting's time and place; the invitations (or updates, with a
    higher SEQUENCE) go to the business and every participant."""
    meeting, errors = _planner_locked(meeting, by, field="starts_at")
    now = timezone.now()
    _check_times(starts_at, ends_at, errors, now=now)
    place = _text(place, "place", errors, limit=PLACE_MAX_LENGTH)
    video_url = _check_video_url(video_url, errors)
    if not place and not video_url and "place" not in errors and "video_url" not in errors:
        add_error(errors, "place", _("Give the place or a video link."))
    attendees = _check_attendees(business_attendees, errors)
    if errors:
        raise ValidationError(errors)
    rescheduled = meeting.status == MeetingStatus.PLANNED
    if rescheduled:
        meeting.sequence += 1
    meeting.status = MeetingStatus.PLANNED
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.place, meeting.video_url = place, video_url
    meeting.business_attendees = attendees
    meeting.organiser = by
    meeting.planned_at = meeting.planned_at or now
    meeting.save()
    _event(
        meeting,
        EventKind.MEETING_RESCHEDULED if rescheduled else EventKind.MEETING_PLANNED,
        by,
        starts_at=starts_at.isoformat(),
        sequence=meeting.sequence,
    )
    invitations_add(meeting=meeting)
    return meeting


@transaction.atomic
def star_meeting_cancel(*, meeting: StarMeeting, by, reason: str) -> StarMeeting:
    """Cancel the meeting; everyone invited gets a cancellation (METHOD:CANCEL). The
    departments' tasks go on as in any case."""
    meeting, errors = _planner_locked(meeting, by, field="reason")
    reason = _text(
        reason,
        "reason",
        errors,
        limit=REASON_MAX_LENGTH,
        missing=_("Write why the meeting is cancelled."),
    )
    if errors:
        raise ValidationError(errors)
    invited = meeting.status == MeetingStatus.PLANNED
    now = timezone.now()
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = now
    meeting.cancel_reason = reason
    if invited:
        meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_at", "cancel_reason", "sequence"])
    _event(meeting, EventKind.MEETING_CANCELLED, by, note=reason, sequence=meeting.sequence)
    if invited:
        invitations_add(meeting=meeting)
    return meeting


def involved_department_ids(meeting: StarMeeting) -> set[int]:
    """The departments that decide a service of the meeting's case."""
    return set(
        DepartmentTask.objects.filter(case_id=meeting.case_id, kind=TaskKind.DECISION)
        .values_list("department_id", flat=True)
        .distinct()
    )


@transaction.atomic
def meeting_participant_add(*, meeting: StarMeeting, by, user, department) -> MeetingParticipant:
    """Add a participant for ``department``: the planner (KES staff) may pick any member of
    an involved department or of KES; a department's lead nominates members of their own."""
    meeting = _locked(meeting)
    errors: dict[str, list[str]] = {}
    lead = DepartmentMembership.objects.filter(
        user=by, department=department, role=MembershipRole.LEAD
    ).exists()
    if not (has_role(by, Role.KES_STAFF) or lead):
        raise PermissionDenied
    if meeting.status not in OPEN_MEETING_STATUSES:
        add_error(errors, "user", _("The meeting has been held or cancelled."))
    is_kes = department.code == KES_DEPARTMENT_CODE
    if not is_kes and department.pk not in involved_department_ids(meeting):
        add_error(errors, "department", _("Choose a department involved in the case."))
    member = DepartmentMembership.objects.filter(user=user, department=department).exists()
    if not member and not (is_kes and has_role(user, Role.KES_STAFF)):
        add_error(errors, "user", _("Choose a member of the department."))
    if MeetingParticipant.objects.filter(meeting=meeting, user=user).exists():
        add_error(errors, "user", _("This person takes part already."))
    if errors:
        raise ValidationError(errors)
    participant = MeetingParticipant.objects.create(
        meeting=meeting,
        user=user,
        department=department,
        nominated_by=None if has_role(by, Role.KES_STAFF) and not lead else by,
    )
    _event(
        meeting,
        EventKind.MEETING_PARTICIPANT_ADDED,
        by,
        participant=user.pk,
        department=department.code,
    )
    if meeting.status == MeetingStatus.PLANNED:
        invitations_add(meeting=meeting)
    return participant


@transaction.atomic
def checklist_item_add(
    *, meeting: StarMeeting, by, label_da: str, label_en: str = ""
) -> ChecklistItem:
    """A free item on the business's checklist, in Danish and (optionally) English."""
    meeting, errors = _planner_locked(meeting, by, field="label_da")
    label_da = _text(
        label_da, "label_da", errors, limit=LABEL_MAX_LENGTH, missing=_("Write what to bring.")
    )
    label_en = _text(label_en, "label_en", errors, limit=LABEL_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    return ChecklistItem.objects.create(
        meeting=meeting,
        label_da=label_da,
        label_en=label_en or label_da,
        position=meeting.checklist.count(),
        added_by=by,
    )
