"""Writes for application drafts: the wizard saves every step here, so back and forward
never lose an answer, and the submit hands the whole draft to ``case_submit``."""

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from cases.constants import Channel
from cases.uploads import MB, validate_uploads

from ..models import ApplicationDraft, DraftDocument, SubmittedDraft
from .submission import case_submit

DRAFT_FIELDS = {
    "business",
    "channel",
    "received_at",
    "services",
    "answers",
    "description",
    "star_meeting_requested",
    "help_requested",
    "shown_topics",
}


@transaction.atomic
def draft_start(
    *, owner, business=None, services=(), description: str = "", staff_assisted: bool = False
) -> ApplicationDraft:
    """A new draft; ``description`` prefills the project's description (the guide's text)."""
    return ApplicationDraft.objects.create(
        owner=owner,
        business=business,
        services=list(dict.fromkeys(services)),
        description=description,
        staff_assisted=staff_assisted,
        channel=Channel.COUNTER if staff_assisted else Channel.DIGITAL,
    )


@transaction.atomic
def draft_save(*, draft: ApplicationDraft, **values) -> ApplicationDraft:
    """Store what one wizard step collected; answers merge per service."""
    unknown = set(values) - DRAFT_FIELDS
    if unknown:
        raise TypeError(f"not draft fields: {sorted(unknown)}")
    answers = values.pop("answers", None)
    if answers is not None:
        draft.answers = {**draft.answers, **answers}
    if "services" in values:
        values["services"] = list(dict.fromkeys(values["services"]))
        # Answers to services no longer chosen would be rejected at submit.
        draft.answers = {k: v for k, v in draft.answers.items() if k in values["services"]}
    for field, value in values.items():
        setattr(draft, field, value)
    draft.save()
    return draft


@transaction.atomic
def draft_document_add(*, draft: ApplicationDraft, document_code: str, upload) -> DraftDocument:
    existing = sum(draft.documents.values_list("size", flat=True))
    content_types = validate_uploads(
        [upload],
        max_file_bytes=settings.KES_UPLOAD_MAX_FILE_MB * MB,
        max_case_bytes=settings.KES_UPLOAD_MAX_CASE_MB * MB,
        existing_bytes=existing,
    )
    upload.seek(0)
    return DraftDocument.objects.create(
        draft=draft,
        document_code=document_code,
        file=upload,
        original_name=upload.name[:255],
        content_type=content_types[0] if content_types else "",
        size=upload.size,
    )


@transaction.atomic
def draft_document_remove(*, draft: ApplicationDraft, document_id: int) -> None:
    document = draft.documents.filter(pk=document_id).first()
    if document is not None:
        document.file.delete(save=False)
        document.delete()


def draft_submit(*, draft: ApplicationDraft, immediate_answer: Mapping[str, str] | None = None):
    """Submit the draft as a case; the draft and its files go once the case exists."""
    if draft.business is None:
        raise ValidationError({"business": [_("Choose the business that applies.")]})
    documents = list(draft.documents.all())
    files = []
    try:
        for document in documents:
            handle = File(document.file.open("rb"), name=document.original_name)
            handle.content_type = document.content_type
            files.append((document.document_code, handle))
        with transaction.atomic():
            case = case_submit(
                business=draft.business,
                channel=draft.channel,
                services=draft.services,
                answers=draft.answers,
                description=draft.description,
                submitted_by=draft.owner,
                star_meeting_requested=draft.star_meeting_requested,
                help_requested=draft.help_requested,
                received_at=draft.received_at,
                assisted_by=draft.owner if draft.staff_assisted else None,
                shown_topics=draft.shown_topics,
                documents=files,
                immediate_answer=immediate_answer,
            )
            for document in documents:
                transaction.on_commit(lambda f=document.file: f.delete(save=False))
            # Back from the receipt lands on the draft's pages: they say where it went.
            SubmittedDraft.objects.create(id=draft.pk, owner=draft.owner, case=case)
            draft.delete()
    finally:
        for _code, handle in files:
            handle.close()
    return case
