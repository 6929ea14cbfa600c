"""The outbox: one delivery path for every side effect (letters, notices, invitations).

An app registers what delivers its kinds (``@deliverer("cases.receipt")``); the row is
written in the transaction of its cause (``kes.services.notification_add``), handed to the
broker after commit, and delivered here. A delivery first *leases* the row in a short
transaction (``SELECT … FOR UPDATE SKIP LOCKED``), so two workers never deliver it at
once, then calls the deliverer outside any transaction (a PDF or a mail server may take
seconds), then marks the row sent, or schedules the next attempt (``kes.retry``). A
worker that dies mid-way lets the lease run out and the relay offers the row again; a
deliverer must therefore be safe to call twice (the cases' letters and notices keep
their own sent marks under a row lock).
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .constants import NotificationState
from .models import Notification
from .retry import gives_up, retry_delay

logger = logging.getLogger(__name__)

Deliverer = Callable[[Notification], object]
_DELIVERERS: dict[str, Deliverer] = {}

# How long a delivery may hold a row before another may try; longer than any PDF and mail.
LEASE = timedelta(minutes=10)
# How long a fresh row waits for its after-commit enqueue before the relay offers it.
RELAY_GRACE = timedelta(minutes=2)
RELAY_BATCH = 500
ERROR_MAX_LENGTH = 2000


def deliverer(kind: str) -> Callable[[Deliverer], Deliverer]:
    """Register the function that delivers notifications of ``kind`` (once per kind)."""

    def register(func: Deliverer) -> Deliverer:
        if _DELIVERERS.get(kind, func) is not func:
            raise ValueError(f"a deliverer for {kind!r} is registered already")
        _DELIVERERS[kind] = func
        return func

    return register


def registered_kinds() -> frozenset[str]:
    return frozenset(_DELIVERERS)


def _lease(notification_id: int, now: datetime) -> Notification | None:
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, state=NotificationState.PENDING)
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lte=now))
            .first()
        )
        if row is None:
            return None
        row.leased_until = now + LEASE
        row.save(update_fields=["leased_until"])
    return row


def deliver(notification_id: int) -> bool:
    """Deliver one row; True when this call delivered it. A row that is sent, given up,
    gone, or being delivered by another worker is left alone (False)."""
    row = _lease(notification_id, timezone.now())
    if row is None:
        return False
    func = _DELIVERERS.get(row.kind)
    try:
        if func is None:
            raise LookupError(f"no deliverer is registered for {row.kind!r}")
        func(row)
    except Exception as exc:
        _failed(row, exc)
        return False
    now = timezone.now()
    Notification.objects.filter(pk=row.pk).update(
        state=NotificationState.SENT,
        sent_at=now,
        attempts=row.attempts + 1,
        leased_until=None,
        last_error="",
    )
    return True


def _failed(row: Notification, exc: Exception) -> None:
    attempts = row.attempts + 1
    now = timezone.now()
    given_up = gives_up(attempts)
    Notification.objects.filter(pk=row.pk).update(
        attempts=attempts,
        leased_until=None,
        last_error=f"{type(exc).__name__}: {exc}"[:ERROR_MAX_LENGTH],
        next_attempt_at=now + timedelta(seconds=retry_delay(attempts)),
        state=NotificationState.FAILED if given_up else NotificationState.PENDING,
    )
    log = logger.error if given_up else logger.warning
    log(
        "outbox: delivering %s failed (attempt %d%s): %s",
        row.key,
        attempts,
        ", given up" if given_up else "",
        exc,
        exc_info=given_up,
    )


def due(*, now: datetime | None = None, batch: int = RELAY_BATCH) -> list[int]:
    """Claim up to ``batch`` pending rows that are due and not leased, oldest first, and
    move their next attempt on by the grace time, so the next relay run does not offer
    them again while they wait in the broker's queue. Two queries whatever the batch."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(state=NotificationState.PENDING, next_attempt_at__lte=now)
            .filter(Q(leased_until__isnull=True) | Q(leased_until__lte=now))
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:batch]
        )
        if ids:
            Notification.objects.filter(pk__in=ids).update(next_attempt_at=now + RELAY_GRACE)
    return ids


def mark_due_now(notification_id: int) -> None:
    """The broker refused the after-commit enqueue: let the next relay run offer the row
    at once instead of after the grace time."""
    Notification.objects.filter(pk=notification_id, state=NotificationState.PENDING).update(
        next_attempt_at=timezone.now()
    )
