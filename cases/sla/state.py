"""The clock's state kept on the task for querying (``warning_on``, ``complete_on``) and the
national clock of a decision, with the settings applied (the rules are ``routing.sla``)."""

from datetime import date

from django.conf import settings

from routing.calendar import local_date
from routing.sla import national_days, warning_date


def warning_on_for(
    received_on: date, target_days: int | None, target_unit: str, paused_units: int = 0
) -> date | None:
    """The warning date of a task with that target; None without a target."""
    if not target_days:
        return None
    return warning_date(
        received_on,
        target_days,
        target_unit,
        paused_units,
        share=settings.KES_SLA_WARNING_SHARE,
        closing_days=settings.KES_CLOSING_DAYS,
    )


def task_national_days(task, decided_on: date) -> int:
    """Calendar days by the national rule for ``task`` decided on ``decided_on``; its pauses
    are its information requests (sent to answered)."""
    pauses = [
        (
            local_date(request.requested_at),
            local_date(request.answered_at) if request.answered_at else None,
        )
        for request in task.information_requests.all()
    ]
    return national_days(task.complete_on, task.received_on, decided_on, pauses)
