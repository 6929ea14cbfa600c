"""Writes of the ground floor: user accounts and the outbox."""

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

from .constants import Language, NotificationState
from .models import Notification
from .outbox import RELAY_GRACE, registered_kinds
from .tasks import enqueue_delivery

RETRYABLE_STATES = (NotificationState.PENDING, NotificationState.FAILED)


@transaction.atomic
def user_language_set(*, user, language: str) -> None:
    """Remember the language a person chose; mails and letters to them use it."""
    language = Language(language)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def notification_add(
    *,
    kind: str,
    key: str,
    language: str,
    recipient: str = "",
    payload: Mapping[str, object] | None = None,
) -> Notification:
    """Write the outbox row of one side effect in the caller's transaction and hand it to
    the broker once that commits (never before: a rolled back cause sends nothing).

    ``key`` names the side effect; adding it again returns the row already written, so a
    cause that is repeated does not send twice.
    """
    if kind not in registered_kinds():
        raise ValueError(f"no deliverer is registered for {kind!r}")
    existing = Notification.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        # A savepoint: a concurrent writer of the same key must not break our transaction.
        with transaction.atomic():
            row = Notification.objects.create(
                kind=kind,
                key=key,
                language=Language(language),
                recipient=recipient,
                payload=dict(payload or {}),
                next_attempt_at=timezone.now() + RELAY_GRACE,
            )
    except IntegrityError:
        return Notification.objects.get(key=key)
    transaction.on_commit(_enqueue_after_commit(row.pk), robust=True)
    return row


def _enqueue_after_commit(notification_id: int):
    # A named function, not a functools.partial: Django logs a failing robust hook by its
    # __qualname__ (enqueue_delivery itself logs and never raises).
    def enqueue_notification() -> None:
        enqueue_delivery(notification_id)

    return enqueue_notification


@transaction.atomic
def notifications_retry(*, ids) -> int:
    """An operator sends given-up (or waiting) rows again: they become pending and due now;
    their attempts and last error stay as the record of what happened."""
    return Notification.objects.filter(pk__in=list(ids), state__in=RETRYABLE_STATES).update(
        state=NotificationState.PENDING, next_attempt_at=timezone.now(), leased_until=None
    )
