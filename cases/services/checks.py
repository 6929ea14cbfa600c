"""The case-level checks of a submission: who submits, by which channel, when, what files,
an answer given at once. The catalogue's checks (known services, typed answers) are intake's.

Each check adds its messages to ``errors`` (field -> messages) and returns the clean value,
so a submission reports every problem at once and stores nothing.
"""

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role
from kes.untrusted import text_problem
from routing.calendar import COPENHAGEN, local_date

from ..constants import (
    ASSISTED_CHANNELS,
    DESCRIPTION_MAX_LENGTH,
    TOPIC_MAX_LENGTH,
    Channel,
    ShownTopic,
    Track,
)
from ..models import BusinessMembership
from ..uploads import MB, validate_uploads

# Clocks of browsers, servers and staff PCs differ a little; a minute is not the future.
CLOCK_SKEW = timedelta(minutes=1)


def add_error(errors: dict[str, list[str]], key: str, message: str) -> None:
    errors.setdefault(key, []).append(message)


def is_kes_staff(user) -> bool:
    return has_role(user, Role.KES_STAFF)


def check_submitter(*, business, submitted_by, staff: bool, errors) -> None:
    if staff:
        return
    if not BusinessMembership.objects.filter(business=business, user=submitted_by).exists():
        add_error(errors, "business", _("You cannot apply on behalf of this business."))


def check_channel(channel: str, *, staff: bool, errors) -> None:
    """That the channel exists, and who may use which channel."""
    if channel not in Channel.values:
        message = _("Choose how the request was received.")
        # The front door reports it with the request already (a preview needs it too): once.
        if message not in errors.get("channel", ()):
            add_error(errors, "channel", message)
    elif channel != Channel.DIGITAL and not staff:
        add_error(
            errors,
            "channel",
            _("Only KES staff can register a request received by phone or at the counter."),
        )


def check_received_at(received_at, *, staff: bool, now: datetime, errors) -> datetime:
    if received_at is None:
        return now
    if not staff:
        add_error(errors, "received_at", _("Only KES staff can set the date a case was received."))
        return now
    if isinstance(received_at, date) and not isinstance(received_at, datetime):
        received_at = datetime.combine(received_at, time.min)
    if not isinstance(received_at, datetime):
        add_error(errors, "received_at", _("Enter a valid date and time."))
        return now
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    if received_at > now + CLOCK_SKEW:
        add_error(errors, "received_at", _("The received date cannot be in the future."))
    # The clock runs from the received date (DESIGN.md §5): a date far back is a typing error,
    # and its case would be clocked over every business day since.
    days_back = settings.KES_RECEIVED_MAX_DAYS_BACK
    earliest = local_date(now) - timedelta(days=days_back)
    if received_at < datetime.combine(earliest, time.min, tzinfo=COPENHAGEN):
        add_error(
            errors,
            "received_at",
            _("The received date can be at most %(days)d days back.") % {"days": days_back},
        )
    return received_at


def check_text(value, field: str, errors, *, limit: int, missing: str | None = None) -> str:
    """The stripped text; ``missing`` is the message when it is required and empty (None:
    optional), and it may be at most ``limit`` characters. Anything but text is refused."""
    if value is not None and not isinstance(value, str):
        add_error(errors, field, _("Write text."))
        return ""
    value = (value or "").strip()
    if not value:
        if missing:
            add_error(errors, field, missing)
    elif len(value) > limit:
        add_error(errors, field, _("Write at most %(limit)d characters.") % {"limit": limit})
    elif problem := text_problem(value):
        add_error(errors, field, problem)
    return value


def check_description(description, errors) -> str:
    description = (description or "").strip() if isinstance(description, str | None) else ""
    if not description:
        add_error(errors, "description", _("Describe what the request is about."))
    elif len(description) > DESCRIPTION_MAX_LENGTH:
        add_error(
            errors,
            "description",
            _("Use at most %(limit)d characters (you used %(count)d).")
            % {"limit": DESCRIPTION_MAX_LENGTH, "count": len(description)},
        )
    elif problem := text_problem(description):
        add_error(errors, "description", problem)
    return description


def check_assistance(
    *, channel: str, submitted_by, assisted_by, shown_topics, staff: bool, errors
) -> tuple[object, list[str]]:
    """Who assisted (staff taking a phone or counter request assist by default) and what
    they showed the business."""
    if assisted_by is not None and not (staff and is_kes_staff(assisted_by)):
        add_error(errors, "assisted_by", _("Only KES staff can assist a business."))
    if assisted_by is None and staff and channel in ASSISTED_CHANNELS:
        assisted_by = submitted_by
    topics = list(dict.fromkeys(shown_topics or ()))
    if topics and not staff:
        add_error(errors, "shown_topics", _("Only KES staff can record what they showed."))
    unknown = [str(topic) for topic in topics if topic not in ShownTopic.values]
    if unknown:
        add_error(
            errors,
            "shown_topics",
            _("Unknown topic: %(topics)s.") % {"topics": ", ".join(unknown)},
        )
    return assisted_by, topics


@dataclass(frozen=True)
class Attachment:
    service: object  # intake.models.Service or None
    code: str
    upload: object
    name: str
    content_type: str


def _document_owner(code: str, services: Sequence) -> tuple[object, str] | None:
    """The service a required-document code belongs to: "service.document", or a plain
    "document" code for the first requested service that asks for it."""
    service_code, _dot, document = code.rpartition(".")
    for service in services:
        if service_code and service.code != service_code:
            continue
        if any(d.code == document for d in service.required_documents.all()):
            return service, document
    return None


def check_documents(documents, *, services: Sequence, errors) -> list[Attachment]:
    pending: list[tuple[object, str, object]] = []
    for code, upload in documents or ():
        code = (code or "").strip()
        owner = _document_owner(code, services) if code else (None, "")
        if owner is None:
            add_error(errors, "documents", _("Unknown document: %(code)s.") % {"code": code})
            continue
        if upload is None:
            add_error(errors, "documents", _("A document has no file."))
            continue
        pending.append((owner[0], owner[1], upload))
    try:
        content_types = validate_uploads(
            [upload for _s, _c, upload in pending],
            max_file_bytes=settings.KES_UPLOAD_MAX_FILE_MB * MB,
            max_case_bytes=settings.KES_UPLOAD_MAX_CASE_MB * MB,
        )
    except ValidationError as exc:
        errors.setdefault("documents", []).extend(exc.messages)
        return []
    return [
        Attachment(
            service=service,
            code=code,
            upload=upload,
            name=os.path.basename(getattr(upload, "name", "") or "")[:255] or "document",
            content_type=content_type,
        )
        for (service, code, upload), content_type in zip(pending, content_types, strict=True)
    ]


def check_immediate_answer(
    immediate_answer: Mapping | None,
    *,
    track: str | None,
    channel: str,
    staff: bool,
    service_codes: Sequence[str],
    errors,
) -> dict | None:
    """An answer given at once: only by KES staff, at the counter or on the phone, and
    only when every service can be settled at once."""
    if immediate_answer is None:
        return None
    key = "immediate_answer"
    if not staff:
        add_error(errors, key, _("Only KES staff can record an immediate answer."))
        return None
    if channel not in ASSISTED_CHANNELS:
        add_error(errors, key, _("An immediate answer is given at the counter or on the phone."))
    if track is not None and track != Track.IMMEDIATE:
        add_error(
            errors,
            key,
            _("This request cannot be answered at once: its track is “%(track)s”.")
            % {"track": Track(track).label},
        )
    topic = str(immediate_answer.get("topic") or "").strip()
    text = str(immediate_answer.get("text") or "").strip()
    if not topic or len(topic) > TOPIC_MAX_LENGTH:
        add_error(
            errors,
            key,
            _("Give the topic in at most %(limit)d characters.") % {"limit": TOPIC_MAX_LENGTH},
        )
    if not text or len(text) > DESCRIPTION_MAX_LENGTH:
        add_error(
            errors,
            key,
            _("Write the answer in at most %(limit)d characters.")
            % {"limit": DESCRIPTION_MAX_LENGTH},
        )
    for value in (topic, text):
        if problem := text_problem(value):
            add_error(errors, key, problem)
    concerned = list(dict.fromkeys(immediate_answer.get("services") or service_codes))
    if any(code not in service_codes for code in concerned):
        add_error(errors, key, _("The answer can only concern the services of the case."))
    return {"topic": topic, "text": text, "services": concerned}
