"""Follow-up tasks: what a pilot (or, after a star meeting, a department) must follow up by
a date. People write them on a case; the service-target sweep writes one when a pilot
case's task reaches its warning milestone, with a ``key`` so that it exists once."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role

from ..constants import EventKind, FollowUpSource
from ..models import Case, CaseEvent, DepartmentTask, FollowUp
from ..permissions import department_ids_of
from .checks import add_error, check_text
from .work import TEXT_MAX_LENGTH

# A follow-up further ahead than this is a plan, not a follow-up.
FOLLOW_UP_MAX_DAYS_AHEAD = 366
KEY_MAX_LENGTH = FollowUp._meta.get_field("key").max_length


def _check_due_on(due_on, errors, *, today: date, by_person: bool) -> date | None:
    # A datetime is a date too, but not the day a follow-up is due.
    if not isinstance(due_on, date) or isinstance(due_on, datetime):
        add_error(errors, "due_on", _("Give the date the follow-up is due."))
        return None
    if not by_person:
        return due_on  # the sweep's dates follow the clock, whatever they are
    if due_on < today:
        add_error(errors, "due_on", _("The due date cannot be in the past."))
    elif (due_on - today).days > FOLLOW_UP_MAX_DAYS_AHEAD:
        add_error(errors, "due_on", _("The due date can be at most a year ahead."))
    return due_on


def may_write_follow_up(user, case: Case) -> bool:
    """The case's pilot and KES staff write follow-ups on a case."""
    return user.pk == case.pilot_id or has_role(user, Role.KES_STAFF)


@transaction.atomic
def follow_up_create(
    *,
    case: Case,
    text: str,
    due_on: date,
    by=None,
    assignee=None,
    task: DepartmentTask | None = None,
    department=None,
    source: str = FollowUpSource.MANUAL,
    key: str | None = None,
) -> FollowUp:
    """A follow-up on ``case`` for ``assignee`` (default: the case's pilot) or a department.

    ``by`` is None when the system writes it (the sweep); then ``key`` names it, and a
    second call with the same key returns the first row instead of writing another.
    """
    if key is not None:
        existing = FollowUp.objects.filter(key=key).first()
        if existing is not None:
            return existing
    # Re-read under a lock: the pilot may have changed since the caller loaded the case.
    case = Case.objects.select_for_update().get(pk=case.pk)
    if by is not None and not may_write_follow_up(by, case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    text = check_text(
        text, "text", errors, limit=TEXT_MAX_LENGTH, missing=_("Write what to follow up.")
    )
    due_on = _check_due_on(due_on, errors, today=timezone.localdate(), by_person=by is not None)
    if task is not None and (not isinstance(task, DepartmentTask) or task.case_id != case.pk):
        add_error(errors, "task", _("Choose a task on this case."))
    if source not in FollowUpSource.values:
        add_error(errors, "source", _("Choose why the follow-up exists."))
    if key is not None and (not isinstance(key, str) or not key or len(key) > KEY_MAX_LENGTH):
        add_error(errors, "key", _("The key is not valid."))
    if assignee is None and department is None:
        assignee = case.pilot
        if assignee is None:
            add_error(errors, "assignee", _("The case has no business pilot yet."))
    if errors:
        raise ValidationError(errors)
    follow_up = FollowUp(
        case=case,
        task=task,
        assignee=assignee,
        department=department,
        source=source,
        text=text,
        due_on=due_on,
        key=key,
        created_by=by,
    )
    try:
        with transaction.atomic():
            follow_up.save()
    except IntegrityError:
        if key is None:
            raise
        return FollowUp.objects.get(key=key)
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.FOLLOW_UP_CREATED,
        actor=by,
        data={
            "follow_up": follow_up.pk,
            "task": task.pk if task else None,
            "due_on": due_on.isoformat(),
            "source": source,
        },
    )
    return follow_up


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp, by, note: str = "") -> FollowUp:
    """Mark a follow-up done, with what came of it. Only its assignee, the case's pilot,
    KES staff or (for a department's follow-up) its members may; a second call changes
    nothing."""
    follow_up = FollowUp.objects.select_for_update().select_related("case").get(pk=follow_up.pk)
    allowed = (
        by.pk in {follow_up.assignee_id, follow_up.case.pilot_id}
        or has_role(by, Role.KES_STAFF)
        or (
            follow_up.department_id is not None and follow_up.department_id in department_ids_of(by)
        )
    )
    if not allowed:
        raise PermissionDenied
    if follow_up.done_at is not None:
        return follow_up
    errors: dict[str, list[str]] = {}
    note = check_text(note, "note", errors, limit=TEXT_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    follow_up.done_at = timezone.now()
    follow_up.done_by = by
    follow_up.done_note = note
    follow_up.save(update_fields=["done_at", "done_by", "done_note"])
    CaseEvent.objects.create(
        case_id=follow_up.case_id,
        kind=EventKind.FOLLOW_UP_DONE,
        actor=by,
        note=note,
        data={"follow_up": follow_up.pk},
    )
    return follow_up
