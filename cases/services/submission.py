"""Submitting a case: check everything first, then write it all in one transaction.

The checks report every problem at once as ``ValidationError({field: [messages]})`` and
store nothing. The writes use a constant number of queries whatever the number of
services, rules or documents. The receipt is sent by a Celery task after commit; the
unsent receipt letter written with the case is its outbox row.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.classification import Classification, ClassificationRequest, ServiceSpec, classify
from intake.selectors import service_specs
from routing.calendar import local_date
from routing.constants import KES_DEPARTMENT_CODE

from ..answers import clean_answers
from ..constants import CaseStatus, Channel, EventKind, LetterKind, NotificationKind, Track
from ..models import Case, CaseEvent, ImmediateAnswer, Letter
from ..selectors import question_specs_of, services_for_submission
from .checks import (
    add_error,
    check_assistance,
    check_channel,
    check_description,
    check_documents,
    check_immediate_answer,
    check_received_at,
    check_services,
    check_submitter,
    is_kes_staff,
)
from .outbox import case_notification_add
from .references import case_reference_next
from .routing import case_route
from .writes import case_rows_write, documents_attach, documents_prepare


@dataclass(frozen=True)
class _Request:
    services: list  # intake.models.Service, in the order asked
    specs: dict[str, ServiceSpec]
    answers: dict[str, dict[str, object]]
    classification: Classification | None


def _classified(
    *, channel, services, answers, star_meeting_requested, help_requested, errors
) -> _Request:
    """Known services, typed answers and, when those are sound, the classification."""
    codes = check_services(services, errors)
    if channel not in Channel.values:
        add_error(errors, "channel", _("Choose how the request was received."))
    catalogue = services_for_submission(codes) if codes else {}
    specs = service_specs(codes) if codes else {}
    unknown = {code for code in codes if code not in catalogue or code not in specs}
    if unknown:
        add_error(
            errors,
            "services",
            _("Unknown service: %(codes)s.")
            % {"codes": ", ".join(code for code in codes if code in unknown)},
        )
    known = [catalogue[code] for code in codes if code not in unknown]
    raw = answers if isinstance(answers, Mapping) else {}
    # Answers to an unknown service are already reported under "services".
    raw = {code: given for code, given in raw.items() if code not in unknown}
    cleaned, answer_errors = clean_answers(question_specs_of(known), raw)
    for key, messages in answer_errors.items():
        errors.setdefault(f"answers.{key}" if key else "answers", []).extend(messages)
    classification = None
    if known and not answer_errors and channel in Channel.values:
        classification = classify(
            ClassificationRequest(
                channel=channel,
                services=tuple(specs[service.code] for service in known),
                answers=cleaned,
                star_meeting_requested=bool(star_meeting_requested),
                help_requested=bool(help_requested),
            ),
            pilot_department_threshold=settings.KES_PILOT_DEPARTMENT_THRESHOLD,
            kes_department=KES_DEPARTMENT_CODE,
        )
    return _Request(services=known, specs=specs, answers=cleaned, classification=classification)


def case_track_preview(
    *,
    channel: str,
    services: Sequence[str],
    answers: Mapping[str, Mapping[str, object]],
    star_meeting_requested: bool = False,
    help_requested: bool = False,
) -> Classification:
    """What would happen to this request (track, departments, reasons); writes nothing."""
    errors: dict[str, list[str]] = {}
    request = _classified(
        channel=channel,
        services=services,
        answers=answers,
        star_meeting_requested=star_meeting_requested,
        help_requested=help_requested,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    return request.classification


@transaction.atomic
def case_submit(
    *,
    business,
    channel: str,
    services: Sequence[str],
    answers: Mapping[str, Mapping[str, object]],
    description: str,
    submitted_by,
    star_meeting_requested: bool = False,
    help_requested: bool = False,
    received_at: datetime | None = None,
    assisted_by=None,
    shown_topics: Sequence[str] = (),
    documents: Sequence[tuple[str, object]] = (),
    immediate_answer: Mapping[str, object] | None = None,
) -> Case:
    """Create a case with its services, classification, reasons, documents and events.

    ``documents`` pairs a required-document code ("" for another document; "service.code"
    when two services ask for the same code) with a Django File or UploadedFile.
    ``immediate_answer`` ({"topic", "text", "services"?}) closes an immediate case that
    KES staff answer at the counter or on the phone.
    """
    now = timezone.now()
    errors: dict[str, list[str]] = {}
    staff = is_kes_staff(submitted_by)
    request = _classified(
        channel=channel,
        services=services,
        answers=answers,
        star_meeting_requested=star_meeting_requested,
        help_requested=help_requested,
        errors=errors,
    )
    check_submitter(business=business, submitted_by=submitted_by, staff=staff, errors=errors)
    check_channel(channel, staff=staff, errors=errors)
    received = check_received_at(received_at, staff=staff, now=now, errors=errors)
    description = check_description(description, errors)
    assisted_by, topics = check_assistance(
        channel=channel,
        submitted_by=submitted_by,
        assisted_by=assisted_by,
        shown_topics=shown_topics,
        staff=staff,
        errors=errors,
    )
    attachments = check_documents(documents, services=request.services, errors=errors)
    classification = request.classification
    answer = check_immediate_answer(
        immediate_answer,
        track=classification.track if classification else None,
        channel=channel,
        staff=staff,
        service_codes=[service.code for service in request.services],
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)

    closes = answer is not None and classification.track == Track.IMMEDIATE
    stored: list[str] = []
    try:
        documents = documents_prepare(
            attachments=attachments, uploaded_by=submitted_by, at=now, stored=stored
        )
        case = Case.objects.create(
            reference=case_reference_next(local_date(now).year),
            business=business,
            channel=channel,
            track=classification.track,
            complexity=classification.complexity,
            status=CaseStatus.CLOSED if closes else CaseStatus.RECEIVED,
            description=description,
            star_meeting_requested=bool(star_meeting_requested),
            help_requested=bool(help_requested),
            received_at=received,
            closed_at=now if closes else None,
            submitted_by=submitted_by,
            assisted_by=assisted_by,
            shown_topics=topics,
            language=business.language,
        )
        case_rows_write(
            case=case,
            services=request.services,
            specs=request.specs,
            answers=request.answers,
            classification=classification,
        )
        events = [
            CaseEvent(
                case=case,
                kind=EventKind.RECEIVED,
                at=now,
                actor=submitted_by,
                data={
                    "channel": channel,
                    "received_at": received.isoformat(),
                    "assisted_by": assisted_by.pk if assisted_by else None,
                },
            ),
            CaseEvent(
                case=case,
                kind=EventKind.CLASSIFIED,
                at=now,
                data={
                    "track": classification.track,
                    "complexity": classification.complexity,
                    "departments": list(classification.departments),
                    "authorities": list(classification.authorities),
                },
            ),
            *documents_attach(case=case, documents=documents),
        ]
        if closes:
            ImmediateAnswer.objects.create(
                case=case, answered_by=submitted_by, answered_at=now, **answer
            )
            events.append(
                CaseEvent(
                    case=case,
                    kind=EventKind.ANSWERED_IMMEDIATELY,
                    at=now,
                    actor=submitted_by,
                    data={"topic": answer["topic"], "services": answer["services"]},
                )
            )
        CaseEvent.objects.bulk_create(events)
        Letter.objects.create(case=case, kind=LetterKind.RECEIPT, language=business.language)
        case_notification_add(case=case, kind=NotificationKind.RECEIPT, pk=case.pk)
        # Routing is part of the submission: a case never exists without its tasks.
        case_route(case=case)
        case.refresh_from_db(fields=["status"])
    except BaseException:
        # The rows roll back with the transaction; files on disk do not.
        for name in stored:
            default_storage.delete(name)
        raise
    return case
