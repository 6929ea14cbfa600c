"""The mail that tells a business who its business pilot is: on assignment and when a
portfolio moves to another pilot. Safe to deliver twice: the first delivery leaves a
``MESSAGE_SENT`` event naming the outbox row, checked under the case's row lock."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..constants import EventKind
from ..mail import mail_build
from ..models import Case, CaseEvent
from ..selectors.pilots import contact_of

TEMPLATE = "cases/pilot_email"


@transaction.atomic
def pilot_assigned_notify(*, key: str, event_id: int) -> bool:
    """Mail the business the pilot named by the ``PILOT_ASSIGNED`` event ``event_id``
    once; False when already sent or the event is gone."""
    event = CaseEvent.objects.filter(pk=event_id, kind=EventKind.PILOT_ASSIGNED).first()
    if event is None:
        return False
    case = Case.objects.select_for_update().select_related("business").get(pk=event.case_id)
    if CaseEvent.objects.filter(
        case=case, kind=EventKind.MESSAGE_SENT, data__notification=key
    ).exists():
        return False
    pilot = get_user_model().objects.filter(pk=event.data.get("to")).first()
    if pilot is None:
        return False
    language = case.language or case.business.language
    context = {
        "case": case,
        "pilot": contact_of(pilot),
        "new_contact": bool(event.data.get("previous")),
        "kes_contact": settings.KES_CONTACT,
    }
    mail_build(
        template=TEMPLATE,
        context=context,
        language=language,
        to=[case.business.email],
        reply_to=[pilot.email or settings.KES_CONTACT["email"]],
    ).send()
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.MESSAGE_SENT,
        at=timezone.now(),
        data={"notification": key, "pilot": pilot.pk, "to": case.business.email},
    )
    return True
