"""The mail that tells a business who its business pilot is: on assignment and when a
portfolio moves to another pilot. Safe to deliver twice: the first delivery leaves a
``MESSAGE_SENT`` event naming the outbox row, checked under the case's row lock."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..constants import EventKind
from ..models import Case, CaseEvent
from ..selectors.pilots import contact_of

SUBJECT_TEMPLATE = "cases/pilot_email_subject.txt"
BODY_TEMPLATE = "cases/pilot_email.txt"


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
    with translation.override(language):
        subject = " ".join(render_to_string(SUBJECT_TEMPLATE, context).split())
        body = render_to_string(BODY_TEMPLATE, context)
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
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
