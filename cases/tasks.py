"""Side effects of cases, run by Celery after commit; each is safe to run twice."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .models import Case
from .selectors import receipts_unsent
from .services import receipt_send

logger = logging.getLogger(__name__)

# Sending a letter retries a failing mail server or renderer; a case that is gone (it was
# enqueued after commit, so it existed) cannot come back by retrying.
LETTER_TASK_OPTIONS = {
    "autoretry_for": (Exception,),
    "dont_autoretry_for": (Case.DoesNotExist,),
    "max_retries": 3,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
}


@shared_task(name="cases.send_receipt", **LETTER_TASK_OPTIONS)
def send_receipt(case_id: int) -> int | None:
    """Mail the receipt of a case; the receipt letter row makes a repeat a no-op."""
    try:
        letter = receipt_send(case_id=case_id)
    except Case.DoesNotExist:
        logger.warning("send_receipt: case %s does not exist", case_id)
        return None
    return letter.pk


@shared_task(name="cases.send_unsent_receipts")
def send_unsent_receipts(min_age_seconds: int = 600) -> int:
    """The outbox sweep: enqueue again the receipts whose after-commit enqueue was lost
    (a broker that was down). Safe to schedule often: sending is idempotent."""
    case_ids = receipts_unsent(created_before=timezone.now() - timedelta(seconds=min_age_seconds))
    for case_id in case_ids:
        send_receipt.delay(case_id)
    return len(case_ids)


@shared_task(name="cases.send_decision_letter", **LETTER_TASK_OPTIONS)
def send_decision_letter(case_id: int) -> int | None:
    """Render, store and mail a closed case's combined decision letter, once."""
    from .services import decision_letter_send

    try:
        letter = decision_letter_send(case_id=case_id)
    except Case.DoesNotExist:
        logger.warning("send_decision_letter: case %s does not exist", case_id)
        return None
    # None: the case is not closed (yet); there is nothing to send.
    return letter.pk if letter else None


@shared_task(name="cases.send_unsent_decision_letters")
def send_unsent_decision_letters(min_age_seconds: int = 600) -> int:
    """The outbox sweep for decision letters, like ``send_unsent_receipts``."""
    from .selectors.letters import decision_letters_unsent

    case_ids = decision_letters_unsent(
        created_before=timezone.now() - timedelta(seconds=min_age_seconds)
    )
    for case_id in case_ids:
        send_decision_letter.delay(case_id)
    return len(case_ids)


@shared_task(
    name="cases.notify_business",
    autoretry_for=(Exception,),
    max_retries=3,
    retry_backoff=True,
    retry_jitter=True,
)
def notify_business(kind: str, pk: int) -> bool:
    """Tell the business by e-mail about a request for information or a message from
    staff; the row's ``notified_at`` makes a repeat a no-op."""
    from .services import business_notify

    return business_notify(kind=kind, pk=pk)
