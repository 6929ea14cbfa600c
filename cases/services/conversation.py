"""What passes between the business and the municipality on a case, and what staff keep
to themselves: answers to information requests, messages both ways with files, internal
notes, the satisfaction answer, and the audit events of looking at a case."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from routing.calendar import local_date

from ..constants import (
    MESSAGE_MAX_LENGTH,
    SATISFACTION_SCORES,
    CaseStatus,
    EventKind,
    NotificationKind,
)
from ..models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseMessage,
    InformationRequest,
    InternalNote,
    Satisfaction,
)
from ..permissions import is_business_of, may_write_on_case
from .checks import Attachment, add_error, check_text
from .outbox import case_notification_add
from .routing import process_of
from .work import task_resume
from .writes import case_attachments_check, documents_attach, documents_prepare


def _message_text(text, errors, field="text"):
    return check_text(text, field, errors, limit=MESSAGE_MAX_LENGTH, missing=_("Write a message."))


def _attachments(case: Case, files: Sequence, errors) -> list[Attachment]:
    try:
        return case_attachments_check(case=case, files=files)
    except ValidationError as exc:
        errors.setdefault("files", []).extend(exc.message_dict["files"])
        return []


def _message_write(*, case, by, text, attachments, from_business, request=None):
    now = timezone.now()
    stored: list[str] = []
    try:
        documents = documents_prepare(
            attachments=attachments, uploaded_by=by, at=now, stored=stored
        )
        message = CaseMessage.objects.create(
            case=case,
            author=by,
            from_business=from_business,
            text=text,
            information_request=request,
            created_at=now,
        )
        for document in documents:
            document.message = message
        events = documents_attach(case=case, documents=documents)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    events.append(
        CaseEvent(
            case=case,
            kind=EventKind.MESSAGE_SENT,
            at=now,
            actor=by,
            data={"message": message.pk, "from_business": from_business},
        )
    )
    CaseEvent.objects.bulk_create(events)
    return message


@transaction.atomic
def message_send(*, case: Case, by, text: str, files: Sequence = ()) -> CaseMessage:
    """A message on the case from the business or from staff who may write on it."""
    from_business = is_business_of(by, case)
    if not from_business and not may_write_on_case(by, case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    text = _message_text(text, errors)
    attachments = _attachments(case, files, errors)
    if errors:
        raise ValidationError(errors)
    message = _message_write(
        case=case, by=by, text=text, attachments=attachments, from_business=from_business
    )
    if not from_business:
        case_notification_add(case=case, kind=NotificationKind.MESSAGE, pk=message.pk)
    return message


@transaction.atomic
def information_answer(
    *, request: InformationRequest, by, text: str, files: Sequence = ()
) -> CaseMessage:
    """The business answers a request for information: the task's clock runs again."""
    task = request.task
    case = task.case
    if not is_business_of(by, case):
        raise PermissionDenied
    process = process_of(case)
    with process.flow_class.lock(process.pk):
        request = InformationRequest.objects.select_related("task").get(pk=request.pk)
        task = request.task
        errors: dict[str, list[str]] = {}
        if request.answered_at is not None:
            add_error(errors, "text", _("This request has already been answered."))
        text = _message_text(text, errors)
        attachments = _attachments(case, files, errors)
        if errors:
            raise ValidationError(errors)
        message = _message_write(
            case=case,
            by=by,
            text=text,
            attachments=attachments,
            from_business=True,
            request=request,
        )
        request.answered_at = message.created_at
        request.save(update_fields=["answered_at"])
        task_resume(task, today=local_date(message.created_at))
        task.save(
            update_fields=["paused_units", "paused_since", "deadline", "warning_on", "status"]
        )
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.INFORMATION_ANSWERED,
            at=message.created_at,
            actor=by,
            data={"task": task.pk, "request": request.pk, "message": message.pk},
        )
        return message


@transaction.atomic
def note_add(*, case: Case, by, text: str, task=None) -> InternalNote:
    """An internal note between caseworkers; the business never sees it."""
    if not may_write_on_case(by, case):
        raise PermissionDenied
    if task is not None and task.case_id != case.pk:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    text = _message_text(text, errors)
    if errors:
        raise ValidationError(errors)
    note = InternalNote.objects.create(case=case, task=task, author=by, text=text)
    # The note's text stays in the note: the event only says that one was written.
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.NOTE_ADDED,
        at=note.created_at,
        actor=by,
        data={"note": note.pk, "task": task.pk if task else None},
    )
    return note


@transaction.atomic
def satisfaction_give(*, case: Case, by, score, comment: str = "") -> Satisfaction:
    """The business's answer to "how satisfied are you?" after closure; once per case."""
    if not is_business_of(by, case):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = None
    if score not in SATISFACTION_SCORES:
        add_error(errors, "score", _("Choose a number from 1 to 5."))
    comment = check_text(comment, "comment", errors, limit=MESSAGE_MAX_LENGTH)
    if case.status != CaseStatus.CLOSED:
        add_error(errors, "score", _("You can answer when the case is closed."))
    elif Satisfaction.objects.filter(case=case).exists():
        add_error(errors, "score", _("You have already answered. Thank you."))
    if errors:
        raise ValidationError(errors)
    answer = Satisfaction.objects.create(case=case, score=score, comment=comment, given_by=by)
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.SATISFACTION_GIVEN,
        at=answer.given_at,
        actor=by,
        data={"score": score},
    )
    return answer


def case_viewed(*, case: Case, by) -> None:
    """Staff looked at the case: who and when, in the audit trail."""
    CaseEvent.objects.create(case=case, kind=EventKind.CASE_VIEWED, actor=by)


def document_downloaded(*, document: CaseDocument, by) -> None:
    CaseEvent.objects.create(
        case_id=document.case_id,
        kind=EventKind.DOCUMENT_DOWNLOADED,
        actor=by,
        data={"document": document.pk, "name": document.original_name},
    )


def letter_downloaded(*, letter, by) -> None:
    CaseEvent.objects.create(
        case_id=letter.case_id,
        kind=EventKind.LETTER_DOWNLOADED,
        actor=by,
        data={"letter": letter.pk, "kind": letter.kind},
    )
