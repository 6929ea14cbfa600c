"""An application as the API receives it: the business named by CVR (found, or registered by
KES staff), then the case, in one transaction and with every problem reported at once."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from cases.models import Case
from cases.services import business_for_application

from .submission import case_submit, case_track_preview


def _merged(*errors: ValidationError) -> ValidationError:
    merged: dict[str, list[str]] = {}
    for error in errors:
        for key, messages in error.message_dict.items():
            merged.setdefault(key, []).extend(messages)
    return ValidationError(merged)


# A business registered for the application goes again when the case is refused.
@transaction.atomic
def application_submit(
    *,
    by,
    cvr: str,
    business_name: str,
    business_email: str,
    channel: str,
    services: Sequence[str],
    answers: Mapping[str, Mapping[str, object]],
    description: str,
    received_at: datetime | None = None,
    star_meeting_requested: bool = False,
    help_requested: bool = False,
) -> Case:
    """Apply for the business ``cvr`` names (``business_for_application``'s rule) and submit
    the case (``case_submit``). When the business cannot be had, the request itself is still
    checked, so the applicant sees every problem at once."""
    request = {
        "channel": channel,
        "services": services,
        "answers": answers,
        "star_meeting_requested": star_meeting_requested,
        "help_requested": help_requested,
    }
    try:
        business = business_for_application(
            by=by, cvr=cvr, name=business_name, email=business_email
        )
    except ValidationError as refused:
        try:
            case_track_preview(**request)
        except ValidationError as also:
            raise _merged(refused, also) from refused
        raise
    return case_submit(
        business=business,
        description=description,
        received_at=received_at,
        submitted_by=by,
        **request,
    )
