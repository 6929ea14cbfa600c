"""Creating a case from what the front door hands over: check the case, then write it all in
one transaction.

Intake is the front door (guide, wizard, classification, submission) and calls
``case_create`` with plain data (``cases.services.handover``): the requested catalogue rows
with their cleaned answers and task departments, and the classification's outcome. cases,
the engine, never imports intake. The case-level checks (who submits, by which channel,
when, what it says, who assisted, the files, an answer given at once) run here; the
problems intake found in the request come in as ``errors``, so the caller hears of every
problem at once as ``ValidationError({field: [messages]})`` and nothing is stored.

The writes use a constant number of queries whatever the number of services, rules or
documents, and read back nothing they wrote: the rows, the first tasks and every event go in
one insert per table, the case is inserted with its status once routed, and the flow starts
with the tasks already known (``tests/cases/test_submit_queries.py`` counts them). The
receipt is sent by a Celery task after commit; the unsent receipt letter
written with the case is its outbox row.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from routing.calendar import local_date

from ..constants import EventKind, LetterKind, NotificationKind, Track
from ..models import Business, Case, CaseEvent, ImmediateAnswer, Letter
from .checks import (
    check_assistance,
    check_channel,
    check_description,
    check_documents,
    check_immediate_answer,
    check_received_at,
    check_submitter,
    is_kes_staff,
)
from .handover import ClassificationOutcome, KnownRows, RequestedService
from .outbox import case_notification_add
from .references import case_reference_next
from .routing import case_route, case_tasks_open, status_at_creation
from .writes import case_rows_write, documents_attach, documents_prepare


@transaction.atomic
def case_create(
    *,
    business: Business,
    channel: str,
    submitted_by,
    requested: Sequence[RequestedService],
    outcome: ClassificationOutcome | None,
    description: str,
    received_at: datetime | None = None,
    assisted_by=None,
    shown_topics: Sequence[str] = (),
    documents: Sequence[tuple[str, object]] = (),
    immediate_answer: Mapping[str, object] | None = None,
    star_meeting_requested: bool = False,
    help_requested: bool = False,
    errors: Mapping[str, Sequence[str]] | None = None,
    known: KnownRows | None = None,
) -> Case:
    """Create a case with its services, classification, reasons, documents and events, and
    route it to its departments.

    ``errors`` are the problems the caller found in the request (services, answers); they
    are raised together with the case's own, and ``outcome`` may be None only then.
    ``documents`` pairs a required-document code ("" for another document; "service.code"
    when two services ask for the same code) with a Django File or UploadedFile.
    ``immediate_answer`` ({"topic", "text", "services"?}) closes an immediate case that
    KES staff answer at the counter or on the phone. ``known`` holds the department and
    authority keys the caller read with the catalogue (looked up here without it).
    """
    now = timezone.now()
    errors = {key: list(messages) for key, messages in (errors or {}).items()}
    if outcome is None and not errors:
        raise ValueError("a case without a classification needs the errors that prevented it")
    services = [item.service for item in requested]
    staff = is_kes_staff(submitted_by)
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
    attachments = check_documents(documents, services=services, errors=errors)
    answer = check_immediate_answer(
        immediate_answer,
        track=outcome.track if outcome else None,
        channel=channel,
        staff=staff,
        service_codes=[service.code for service in services],
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)

    closes = answer is not None and outcome.track == Track.IMMEDIATE
    stored: list[str] = []
    try:
        documents = documents_prepare(
            attachments=attachments, uploaded_by=submitted_by, at=now, stored=stored
        )
        case = Case.objects.create(
            reference=case_reference_next(local_date(now).year),
            business=business,
            channel=channel,
            track=outcome.track,
            complexity=outcome.complexity,
            # Its status once routed below: no second write of the row.
            status=status_at_creation(track=outcome.track, closed=closes),
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
        rows, kes_department_id = case_rows_write(
            case=case, requested=requested, outcome=outcome, known=known
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
                    "track": outcome.track,
                    "complexity": outcome.complexity,
                    "departments": list(outcome.departments),
                    "authorities": list(outcome.authorities),
                },
            ),
            *documents_attach(case=case, documents=documents),
        ]
        department_tasks: list[int] = []
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
        else:
            # Routing is part of the submission: a case never exists without its tasks.
            department_tasks, routing_events = case_tasks_open(
                case=case, rows=rows, kes_department_id=kes_department_id, at=now
            )
            events.extend(routing_events)
        CaseEvent.objects.bulk_create(events)
        Letter.objects.create(case=case, kind=LetterKind.RECEIPT, language=business.language)
        case_notification_add(case=case, kind=NotificationKind.RECEIPT, pk=case.pk)
        case_route(case=case, department_tasks=department_tasks)
    except BaseException:
        # The rows roll back with the transaction; files on disk do not.
        for name in stored:
            default_storage.delete(name)
        raise
    return case
