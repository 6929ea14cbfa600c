"""The cases' side effects as outbox rows (``kes.services.notification_add``)."""

from kes.services import notification_add

from ..constants import NotificationKind


def case_notification_add(*, case, kind: NotificationKind, pk: int) -> None:
    """Write the outbox row of one side effect of ``case`` in the current transaction;
    ``pk`` is the row it is about (the case itself, a request, a message), and with the
    kind it is the side effect's idempotency key."""
    notification_add(
        kind=kind,
        key=f"{kind}:{pk}",
        language=case.language or case.business.language,
        recipient=case.business.email,
        payload={"case": case.pk, "pk": pk},
    )
