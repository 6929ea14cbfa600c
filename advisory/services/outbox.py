"""Outbox rows of free advice. One at a time (``notification_add``: delivered right after
commit) for what a person just did; in bulk for the beat sweeps, whose rows the outbox
relay picks up within a minute, so a sweep costs the same few queries for any number."""

from django.utils import timezone

from kes.models import Notification
from kes.outbox import registered_kinds
from kes.services import notification_add


def notify(*, kind: str, key: str, row) -> None:
    """One side effect for a registration or booking (``row``), to its e-mail address."""
    notification_add(
        kind=kind, key=key, language=row.language, recipient=row.email, payload={"pk": row.pk}
    )


def notify_many(*, kind: str, rows: list[dict]) -> int:
    """``rows``: dicts with ``key``, ``pk``, ``email`` and ``language``; the number written.
    A key written before is skipped (and the unique key settles a race), so a sweep run
    twice sends nothing new. Two queries for any number of rows."""
    if not rows:
        return 0
    if kind not in registered_kinds():
        raise ValueError(f"no deliverer is registered for {kind!r}")
    written = set(
        Notification.objects.filter(key__in=[row["key"] for row in rows]).values_list(
            "key", flat=True
        )
    )
    rows = [row for row in rows if row["key"] not in written]
    if not rows:
        return 0
    now = timezone.now()
    created = Notification.objects.bulk_create(
        [
            Notification(
                kind=kind,
                key=row["key"],
                language=row["language"],
                recipient=row["email"],
                payload={"pk": row["pk"]},
                next_attempt_at=now,
            )
            for row in rows
        ],
        ignore_conflicts=True,
    )
    return len(created)
