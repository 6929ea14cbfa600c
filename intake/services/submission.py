"""Submitting a request: intake is the front door, cases the engine.

Intake (guide, wizard, classification, submission) reads the catalogue, cleans the answers
and classifies the request (DESIGN.md §3); then it calls ``cases.services.case_create`` with
plain data to create the case with its track and departments. cases never imports intake.

Every problem is reported at once as ``ValidationError({field: [messages]})``: intake's own
(services, answers, channel) are handed to ``case_create``, which adds the case's (who
submits, when, what it says, the files, an answer given at once) and stores nothing when
there are any. A preview reports intake's problems only and writes nothing.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import Channel
from cases.models import Business, Case
from cases.services import (
    ClassificationOutcome,
    KnownRows,
    OutcomeReason,
    RequestedService,
    case_create,
)
from kes.untrusted import text_problem
from routing.constants import KES_DEPARTMENT_CODE

from ..answers import CODE_MAX_LENGTH, MAX_SERVICES_PER_REQUEST, clean_answers
from ..classification import Classification, ClassificationRequest, ServiceSpec, classify
from ..models import Service
from ..selectors import SubmissionCatalogue, submission_catalogue


@dataclass(frozen=True)
class _Request:
    services: list[Service]  # in the order asked
    specs: Mapping[str, ServiceSpec]
    answers: dict[str, dict[str, object]]
    classification: Classification | None
    catalogue: SubmissionCatalogue | None


def _add_error(errors: dict[str, list[str]], key: str, message: str) -> None:
    errors.setdefault(key, []).append(message)


def _service_codes(services, errors) -> list[str]:
    """The service codes asked for, each once and in order; at most MAX_SERVICES_PER_REQUEST
    of them, so that a request costs the same few queries whatever a client sends."""
    if isinstance(services, str):
        services = [services]
    services = list(services or ())
    if len(services) > MAX_SERVICES_PER_REQUEST:
        _add_error(
            errors,
            "services",
            _("Choose at most %(limit)d services in one request.")
            % {"limit": MAX_SERVICES_PER_REQUEST},
        )
        return []
    codes = [str(code) for code in services]
    # A code that cannot be stored or shown is never a service; the message does not repeat it.
    valid = [code for code in codes if len(code) <= CODE_MAX_LENGTH and not text_problem(code)]
    if len(valid) < len(codes):
        _add_error(errors, "services", _("A service code is not valid."))
    elif not codes:
        _add_error(errors, "services", _("Choose at least one service."))
    return list(dict.fromkeys(valid))


def _application_day(received_at: datetime | None) -> date:
    """The day the application counts from: a period asked for may not start before it."""
    if not isinstance(received_at, datetime) or timezone.is_naive(received_at):
        return timezone.localdate()
    return timezone.localdate(received_at)


def _classified(
    *, channel, services, answers, star_meeting_requested, help_requested, errors, received_at
) -> _Request:
    """Known services, typed answers and, when those are sound, the classification."""
    codes = _service_codes(services, errors)
    if channel not in Channel.values:
        _add_error(errors, "channel", _("Choose how the request was received."))
    # One read of the catalogue (one query while this process holds its current version)
    # feeds the answers' cleaning, the classification and the case's rows.
    catalogue = submission_catalogue() if codes else None
    services_by_code = catalogue.services if catalogue else {}
    specs = catalogue.specs if catalogue else {}
    unknown = {code for code in codes if code not in services_by_code}
    if unknown:
        _add_error(
            errors,
            "services",
            _("Unknown service: %(codes)s.")
            % {"codes": ", ".join(code for code in codes if code in unknown)},
        )
    known = [services_by_code[code] for code in codes if code not in unknown]
    raw = answers if isinstance(answers, Mapping) else {}
    # Answers to an unknown service are already reported under "services".
    raw = {code: given for code, given in raw.items() if code not in unknown}
    questions = {service.code: catalogue.questions[service.code] for service in known}
    cleaned, answer_errors = clean_answers(questions, raw, today=_application_day(received_at))
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
    return _Request(
        services=known,
        specs=specs,
        answers=cleaned,
        classification=classification,
        catalogue=catalogue,
    )


def _task_departments(spec: ServiceSpec, answers: Mapping[str, object]) -> frozenset[str]:
    """The service's own departments plus those its fired rules add: the departments
    that will get a task for this service."""
    departments = set(spec.departments)
    for rule in spec.rules:
        if rule.fires(answers.get(rule.question)):
            departments.update(rule.add_departments)
    return frozenset(departments)


def _handover(request: _Request) -> tuple[list[RequestedService], ClassificationOutcome | None]:
    """The request as plain data for ``case_create``."""
    requested = [
        RequestedService(
            service=service,
            answers=request.answers.get(service.code, {}),
            departments=_task_departments(
                request.specs[service.code], request.answers.get(service.code, {})
            ),
        )
        for service in request.services
    ]
    classification = request.classification
    if classification is None:
        return requested, None
    outcome = ClassificationOutcome(
        track=classification.track,
        complexity=classification.complexity,
        departments=tuple(classification.departments),
        authorities=tuple(classification.authorities),
        reasons=tuple(
            OutcomeReason(
                code=reason.code,
                text_da=reason.texts.get("da") or reason.text("da"),
                text_en=reason.texts.get("en") or reason.text("en"),
            )
            for reason in classification.reasons
        ),
    )
    return requested, outcome


def case_track_preview(
    *,
    channel: str,
    services: Sequence[str],
    answers: Mapping[str, Mapping[str, object]],
    star_meeting_requested: bool = False,
    help_requested: bool = False,
    received_at: datetime | None = None,
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
        received_at=received_at,
    )
    if errors:
        raise ValidationError(errors)
    return request.classification


# Not atomic itself: until case_create it only reads, and case_create is the transaction
# (a second one around it would only add a savepoint to every submission).
def case_submit(
    *,
    business: Business,
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
    """Classify the request and create its case with its services, classification,
    reasons, documents and events; every problem at once, nothing stored on error.

    ``documents`` pairs a required-document code ("" for another document; "service.code"
    when two services ask for the same code) with a Django File or UploadedFile.
    ``immediate_answer`` ({"topic", "text", "services"?}) closes an immediate case that
    KES staff answer at the counter or on the phone.
    """
    errors: dict[str, list[str]] = {}
    request = _classified(
        channel=channel,
        services=services,
        answers=answers,
        star_meeting_requested=star_meeting_requested,
        help_requested=help_requested,
        errors=errors,
        received_at=received_at,
    )
    requested, outcome = _handover(request)
    catalogue = request.catalogue
    known = (
        KnownRows(departments=catalogue.departments, authorities=catalogue.authorities)
        if catalogue
        else None
    )
    return case_create(
        business=business,
        channel=channel,
        submitted_by=submitted_by,
        requested=requested,
        outcome=outcome,
        description=description,
        received_at=received_at,
        assisted_by=assisted_by,
        shown_topics=shown_topics,
        documents=documents,
        immediate_answer=immediate_answer,
        star_meeting_requested=star_meeting_requested,
        help_requested=help_requested,
        errors=errors,
        known=known,
    )
