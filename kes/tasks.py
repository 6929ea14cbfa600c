"""Tasks of the ground floor: the heartbeat and the outbox's delivery and relay."""

import logging

from celery import shared_task
from django.db import connection
from django.utils import timezone

from . import outbox

logger = logging.getLogger(__name__)


@shared_task(name="kes.health")
def health() -> dict:
    """Prove that a worker runs with Django loaded and reaches the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (db_ok,) = cursor.fetchone()
    return {"ok": db_ok == 1, "database": connection.vendor, "at": timezone.now().isoformat()}


# Retries are the row's (kes.retry, offered again by the relay), not Celery's: a retry
# that lives only in the broker is lost with it.
@shared_task(name="kes.deliver_notification", ignore_result=True)
def deliver_notification(notification_id: int) -> bool:
    """Deliver one outbox row; running it twice delivers once."""
    return outbox.deliver(notification_id)


@shared_task(name="kes.relay_notifications", ignore_result=True)
def relay_notifications(batch: int = outbox.RELAY_BATCH) -> int:
    """On beat: offer the broker every pending row that is due (its enqueue was lost,
    or its last attempt failed). Returns how many were handed over."""
    ids = outbox.due(batch=batch)
    handed = 0
    for notification_id in ids:
        if not enqueue_delivery(notification_id):
            break  # the broker is away again; the rows come due after the grace time
        handed += 1
    return handed


def enqueue_delivery(notification_id: int) -> bool:
    """Hand a row to the broker, best effort: never raises, never waits on a result
    backend or on retries (the broker's transport options give up at once). A refusal is
    logged and leaves the row for the relay."""
    try:
        deliver_notification.apply_async((notification_id,), retry=False, ignore_result=True)
    except Exception as exc:
        logger.warning("outbox: could not enqueue notification %s: %s", notification_id, exc)
        outbox.mark_due_now(notification_id)
        return False
    return True
