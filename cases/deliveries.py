"""How the outbox delivers the cases' side effects (registered when the app is ready).

Each deliverer is safe to call twice: the letters keep ``sent_at`` and the notices
``notified_at`` under a row lock. A case or row that is gone has nothing left to deliver.
"""

import logging

from kes.outbox import deliverer

from .constants import NotificationKind
from .models import Case, CaseMessage, InformationRequest
from .services import business_notify, decision_letter_send, receipt_send
from .services.invitations import meeting_invitation_send, triage_declined_send
from .services.monthly_report import monthly_report_mail
from .services.pilot_notices import pilot_assigned_notify

logger = logging.getLogger(__name__)


def _letter(notification, send) -> None:
    try:
        send(case_id=notification.payload["case"])
    except Case.DoesNotExist:
        logger.warning("outbox: %s: the case is gone", notification.key)


@deliverer(NotificationKind.RECEIPT)
def deliver_receipt(notification) -> None:
    _letter(notification, receipt_send)


@deliverer(NotificationKind.DECISION_LETTER)
def deliver_decision_letter(notification) -> None:
    _letter(notification, decision_letter_send)


@deliverer(NotificationKind.INFORMATION_REQUEST)
def deliver_information_request(notification) -> None:
    business_notify(model=InformationRequest, pk=notification.payload["pk"])


@deliverer(NotificationKind.MESSAGE)
def deliver_message(notification) -> None:
    business_notify(model=CaseMessage, pk=notification.payload["pk"])


@deliverer(NotificationKind.PILOT_ASSIGNED)
def deliver_pilot_assigned(notification) -> None:
    pilot_assigned_notify(key=notification.key, event_id=notification.payload["pk"])


@deliverer(NotificationKind.MEETING_INVITATION)
def deliver_meeting_invitation(notification) -> None:
    meeting_invitation_send(payload=notification.payload, language=notification.language)


@deliverer(NotificationKind.TRIAGE_DECLINED)
def deliver_triage_declined(notification) -> None:
    triage_declined_send(decision_id=notification.payload["pk"])


@deliverer(NotificationKind.MONTHLY_REPORT)
def deliver_monthly_report(notification) -> None:
    monthly_report_mail(notification)
