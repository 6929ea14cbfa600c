"""A task's service-target figures as pages show them (staff and business), in the active
language: target, deadline, gross, net, paused, share used, milestone, and the deadline's
explanation. Reads only the task and its information requests (prefetched by the pages
that list several tasks), so it adds no query per task."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone, translation

from routing.calendar import local_date
from routing.deadline_explain import PauseInput, deadline_parts
from routing.deadline_text import deadline_sentences, target_text
from routing.sla import BREACH, WARNING, milestone, share_used

from ..constants import TaskStatus


@dataclass(frozen=True)
class TaskClockView:
    target: str
    deadline: date | None
    gross: int
    net: int
    paused: int
    share_percent: int
    milestone: str | None
    warning_on: date | None
    complete_on: date | None
    explanation: list[str]
    unit: str


def today() -> date:
    return local_date(timezone.now())


def task_milestone(task, *, on: date | None = None) -> str | None:
    """BREACH or WARNING for an open task that has reached it (none while it waits)."""
    if task.status == TaskStatus.DONE or not task.target_days:
        return None
    return milestone(
        on or today(), task.warning_on, task.deadline, waiting=task.status == TaskStatus.WAITING
    )


def task_clock_view(task, *, on: date | None = None) -> TaskClockView | None:
    """The figures of a task with a service target; None without one."""
    if not task.target_days:
        return None
    # Not at module level: cases.serializers is the API's module and imports the models.
    from ..serializers import task_clock

    on = on or today()
    clock = task_clock(task, today=on)
    pauses = [
        PauseInput(
            local_date(request.requested_at),
            local_date(request.answered_at) if request.answered_at else None,
            request.text,
        )
        for request in task.information_requests.all()
    ]
    parts = deadline_parts(
        task.received_on,
        task.target_days,
        task.target_unit,
        pauses,
        today=on,
        closing_days=settings.KES_CLOSING_DAYS,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    share = share_used(clock.net, task.target_days, task.target_unit)
    return TaskClockView(
        target=target_text(task.target_days, task.target_unit),
        deadline=task.deadline,
        gross=clock.gross,
        net=clock.net,
        paused=clock.paused,
        share_percent=round(share * 100),
        milestone=task_milestone(task, on=on),
        warning_on=task.warning_on,
        complete_on=task.complete_on,
        explanation=deadline_sentences(parts),
        unit=task.target_unit,
    )


__all__ = ["BREACH", "WARNING", "TaskClockView", "task_clock_view", "task_milestone"]
