"""Follow-up tasks: what a pilot (or, after a star meeting, a department) must follow up by
a date. People write them on a case; the service-target sweep writes one when a pilot
case's task reaches its warning milestone, with a ``key`` so that it exists once."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role

from ..constants import EventKind, FollowUpSource
from ..models import Case, CaseEvent, DepartmentTask, FollowUp
from .checks import add_error, check_text
from .work import TEXT_MAX_LENGTH

# A follow-up further ahead than this is a plan, not a follow-up.
FOLLOW_UP_MAX_DAYS_AHEAD = 366


def _check_due_on(due_on, errors, *, today: date) -> date | None:
    if not isinstance(due_on, date):
        add_error(errors, "due_on", _("Give the date the follow-up is due."))
        return None
    if due_on < today:
        add_error(errors, "due_on", _("The due date cannot be in the past."))
    elif (due_on - today).days > FOLLOW_UP_MAX_DAYS_AHEAD:
        add_error(errors, "due_on", _("The due date can be at most a year ahead."))
    return due_on


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
    errors: dict[str, list[str]] = {}
    text = check_text(
        text, "text", errors, limit=TEXT_MAX_LENGTH, missing=_("Write what to follow up.")
    )
    if by is not None:
        due_on = _check_due_on(due_on, errors, today=timezone.localdate())
    if task is not None and task.case_id != case.pk:
        add_error(errors, "task", _("Choose a task on this case."))
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
    """Mark a follow-up done, with what came of it. Only its assignee or the case's
    pilot (or KES staff) may; a second call changes nothing."""
    follow_up = FollowUp.objects.select_for_update().select_related("case").get(pk=follow_up.pk)
    allowed = by.pk in {follow_up.assignee_id, follow_up.case.pilot_id} or has_role(
        by, Role.KES_STAFF
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
