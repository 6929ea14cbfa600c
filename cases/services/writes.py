"""The rows of a new case, written set-based: one query per table, not per service."""

import os
from collections.abc import Mapping, Sequence
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum

from routing.constants import KES_DEPARTMENT_CODE
from routing.models import Department, ExternalAuthority

from ..constants import EventKind
from ..models import Case, CaseDocument, CaseEvent, CaseReason, CaseService
from ..uploads import MB, validate_uploads
from .checks import Attachment
from .handover import ClassificationOutcome, KnownRows, RequestedService

# A case's service row with its deciding departments: (code, pk) in the catalogue's order.
ServiceRow = tuple[CaseService, list[tuple[str, int]]]


def _known_rows(requested: Sequence[RequestedService], outcome: ClassificationOutcome) -> KnownRows:
    """The keys of the departments (and KES's) and authorities a case names: two queries."""
    wanted = {KES_DEPARTMENT_CODE, *outcome.departments}.union(
        *(item.departments for item in requested)
    )
    return KnownRows(
        departments=dict(
            Department.objects.filter(code__in=sorted(wanted)).values_list("code", "pk")
        ),
        authorities=dict(
            ExternalAuthority.objects.filter(code__in=outcome.authorities).values_list("code", "pk")
        ),
    )


def case_rows_write(
    *,
    case: Case,
    requested: Sequence[RequestedService],
    outcome: ClassificationOutcome,
    known: KnownRows | None = None,
) -> tuple[list[ServiceRow], int | None]:
    """The case's services (with their answers and task departments), departments,
    authorities and reasons, as handed over: a department or authority code that names no
    row is left out, as the catalogue loader would have refused it.

    Returns the service rows with their departments and KES's department key, what routing
    needs to open the tasks without reading the rows back."""
    known = known or _known_rows(requested, outcome)
    departments: Mapping[str, int] = known.departments
    order = {code: position for position, code in enumerate(departments)}
    rows = CaseService.objects.bulk_create(
        CaseService(
            case=case,
            service=item.service,
            answers=dict(item.answers),
            position=position,
            target_days=item.service.target_days,
            target_unit=item.service.target_unit,
        )
        for position, item in enumerate(requested)
    )
    CaseService.departments.through.objects.bulk_create(
        CaseService.departments.through(caseservice_id=row.pk, department_id=departments[code])
        for row, item in zip(rows, requested, strict=True)
        for code in sorted(item.departments)
        if code in departments
    )
    Case.departments.through.objects.bulk_create(
        Case.departments.through(case_id=case.pk, department_id=departments[code])
        for code in outcome.departments
        if code in departments
    )
    Case.authorities.through.objects.bulk_create(
        Case.authorities.through(case_id=case.pk, externalauthority_id=known.authorities[code])
        for code in dict.fromkeys(outcome.authorities)
        if code in known.authorities
    )
    CaseReason.objects.bulk_create(
        CaseReason(
            case=case,
            code=reason.code,
            text_da=reason.text_da,
            text_en=reason.text_en,
            position=position,
        )
        for position, reason in enumerate(outcome.reasons)
    )
    service_rows = [
        (
            row,
            [
                (code, departments[code])
                for code in sorted(
                    (code for code in item.departments if code in departments), key=order.get
                )
            ],
        )
        for row, item in zip(rows, requested, strict=True)
    ]
    return service_rows, departments.get(KES_DEPARTMENT_CODE)


def case_attachments_check(
    *, case: Case, files: Sequence, service=None, code: str = ""
) -> list[Attachment]:
    """The uploads (``None`` left out) as attachments to an existing case, checked against
    the upload limits: each file's type and size, and the case's documents together.
    ValidationError on ``files``."""
    files = [upload for upload in files or () if upload is not None]
    if not files:
        return []
    held = CaseDocument.objects.filter(case=case).aggregate(total=Sum("size"))["total"] or 0
    try:
        content_types = validate_uploads(
            files,
            max_file_bytes=settings.KES_UPLOAD_MAX_FILE_MB * MB,
            max_case_bytes=settings.KES_UPLOAD_MAX_CASE_MB * MB,
            existing_bytes=held,
        )
    except ValidationError as exc:
        raise ValidationError({"files": exc.messages}) from exc
    return [
        Attachment(
            service=service,
            code=code,
            upload=upload,
            name=os.path.basename(getattr(upload, "name", "") or "")[:255] or "document",
            content_type=content_type,
        )
        for upload, content_type in zip(files, content_types, strict=True)
    ]


def documents_prepare(
    *, attachments: Sequence[Attachment], uploaded_by, at: datetime, stored: list[str]
) -> list[CaseDocument]:
    """Save the files under generated names, before the case exists: the reference counter
    stays locked from the case's insert to the commit, and file writes need not hold it.
    ``stored`` collects the storage names so the caller can remove them on failure."""
    documents = []
    for attachment in attachments:
        document = CaseDocument(
            service=attachment.service,
            required_document_code=attachment.code,
            original_name=attachment.name,
            content_type=attachment.content_type,
            size=attachment.upload.size,
            uploaded_by=uploaded_by,
            uploaded_at=at,
        )
        attachment.upload.seek(0)
        document.file.save(attachment.name, attachment.upload, save=False)
        stored.append(document.file.name)
        documents.append(document)
    return documents


def documents_attach(*, case: Case, documents: Sequence[CaseDocument]) -> list[CaseEvent]:
    """Insert the prepared documents' rows; returns their (unsaved) upload events."""
    for document in documents:
        document.case = case
    CaseDocument.objects.bulk_create(documents)
    return [
        CaseEvent(
            case=case,
            kind=EventKind.DOCUMENT_UPLOADED,
            at=document.uploaded_at,
            actor=document.uploaded_by,
            data={
                "name": document.original_name,
                "code": document.required_document_code,
                "content_type": document.content_type,
                "size": document.size,
            },
        )
        for document in documents
    ]
