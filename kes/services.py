"""Writes of the ground floor: user accounts and the outbox."""

from collections.abc import Iterable, Mapping, Sequence

from django.db import router, transaction
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery
from django.utils import timezone

from .constants import Language, NotificationState
from .models import Notice, Notification
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
    cause that is repeated does not send twice. A new key costs one statement.
    """
    if kind not in registered_kinds():
        raise ValueError(f"no deliverer is registered for {kind!r}")
    row = Notification(
        kind=kind,
        key=key,
        language=Language(language),
        recipient=recipient,
        payload=dict(payload or {}),
        next_attempt_at=timezone.now() + RELAY_GRACE,
    )
    if not _insert_unless_keyed(row):
        return Notification.objects.get(key=key)
    transaction.on_commit(_enqueue_after_commit(row.pk), robust=True)
    return row


def _insert_unless_keyed(row: Notification) -> bool:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING id`` of ``row`` (Django's own insert
    with its defaults, only the conflict clause added): False when its key exists. One
    statement instead of a look-up, a savepoint, the insert and its release; a concurrent
    writer of the same key is waited for, and once it commits the insert does nothing."""
    inserted = _insert_new(Notification, [row], ["id"])
    if not inserted:
        return False
    row.pk = inserted[0][0]
    row._state.adding, row._state.db = False, router.db_for_write(Notification)
    return True


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


# Rows per INSERT: below SQLite's limit on parameters in one statement (PostgreSQL gets
# the rows as arrays, UNNEST, whatever their number).
BULK_CHUNK = 1000


def notifications_add_many(*, rows: Sequence[Mapping[str, object]]) -> list[int]:
    """Write many outbox rows in one ``INSERT … ON CONFLICT (key) DO NOTHING RETURNING id``
    in the caller's transaction (the set-based sweeps' ``notification_add``) and hand the
    new ones to the broker after commit. Each row is a mapping of ``kind, key, language,
    recipient, payload``; a key written before (by an earlier or a concurrent sweep) is
    skipped. Returns the ids of the rows this call wrote: one query per thousand rows.
    """
    if not rows:
        return []
    unknown = {row["kind"] for row in rows} - registered_kinds()
    if unknown:
        raise ValueError(f"no deliverer is registered for {sorted(unknown)!r}")
    now = timezone.now()
    objects = [
        Notification(
            kind=row["kind"],
            key=row["key"],
            recipient=row.get("recipient", ""),
            language=Language(row["language"]),
            payload=dict(row.get("payload") or {}),
            next_attempt_at=now + RELAY_GRACE,
            created_at=now,
        )
        for row in rows
    ]
    ids = [row_id for (row_id,) in _insert_new(Notification, objects, ["id"])]
    if ids:
        transaction.on_commit(_enqueue_many_after_commit(ids), robust=True)
    return ids


def _insert_new(model, objects, returning: Sequence[str]) -> list[tuple]:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING <returning>`` of ``objects`` (Django's
    own insert compiler with the conflict clause), a statement per thousand rows; returns
    the written rows' ``returning`` columns (a key written before is skipped)."""
    meta = model._meta
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
    database = router.db_for_write(model)
    rows: list[tuple] = []
    for start in range(0, len(objects), BULK_CHUNK):
        query = InsertQuery(model, on_conflict=OnConflict.IGNORE)
        query.insert_values(fields, objects[start : start + BULK_CHUNK])
        compiler = query.get_compiler(using=database)
        compiler.returning_fields = [meta.get_field(name) for name in returning]
        with compiler.connection.cursor() as cursor:
            for sql, params in compiler.as_sql():
                cursor.execute(sql, params)
                rows.extend(tuple(row) for row in cursor.fetchall())
    return rows


def _enqueue_many_after_commit(notification_ids: list[int]):
    def enqueue_notifications() -> None:
        for notification_id in notification_ids:
            if not enqueue_delivery(notification_id):
                break  # the broker is away: the relay offers the rest after the grace time

    return enqueue_notifications


def notices_add(*, notices: Iterable[Notice]) -> list[tuple[int, int]]:
    """Write in-portal notices in one insert, a key written before skipped; returns
    (id, recipient id) of the ones this call wrote."""
    return _insert_new(Notice, list(notices), ["id", "recipient"])


@transaction.atomic
def notices_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notices read (all of them when ``ids`` is None); returns how many."""
    notices = Notice.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        notices = notices.filter(pk__in=list(ids))
    return notices.update(read_at=timezone.now())
