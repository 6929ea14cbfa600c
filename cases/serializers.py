"""The case as the REST API shows it (DESIGN.md §6), and its days.

One representation for ``GET /api/v1/cases/<reference>/`` (``cases.api``) and for the
answer to applying (``intake.api``): it lives outside the protected ``cases.api`` so the
front door can answer with the case it created without reaching into the engine's views.

Days (DESIGN.md §5, the maths in ``routing.clock``):
- the case: business days (Europe/Copenhagen) from the received date to the closing date,
  or to today while the case is open; the received date itself never counts. Net days
  leave out the business days on which every open task waited for the applicant (each
  information request pauses its task from the day it was sent to the day it was answered).
- each decision task: units of its target (business or calendar days) from its received
  date to its decision date, or today while open; paused days are those of its finished
  pauses plus the running one, and net = gross - paused.

``tasks`` lists the decision tasks only, one per (service, department); KES's own tasks
(an immediate answer, assigning a pilot, triage) are work on the case, not a service with
a target. They still count for the case's net days: while KES works, nobody waits.
"""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from routing.calendar import business_days_between, local_date, target_units
from routing.clock import TaskDays, TaskSpan, case_net_days, task_days
from routing.sla import BREACH, milestone

from .constants import Milestone, TaskKind, TaskStatus
from .models import Case, DepartmentTask
from .selectors.pilots import pilot_contact


def case_gross_days(case: Case, *, today: date | None = None) -> int:
    end = local_date(case.closed_at) if case.closed_at else today or timezone.localdate()
    return business_days_between(
        local_date(case.received_at), end, closing_days=settings.KES_CLOSING_DAYS
    )


def _task_end(task: DepartmentTask, today: date) -> date:
    if task.status == TaskStatus.DONE and task.completed_at is not None:
        return local_date(task.completed_at)
    return today


def task_clock(task: DepartmentTask, *, today: date) -> TaskDays:
    """Gross, net and paused units of a task, in its target's unit."""
    return task_days(
        task.received_on,
        _task_end(task, today),
        task.paused_units,
        task.paused_since,
        task.target_unit,
        closing_days=settings.KES_CLOSING_DAYS,
    )


def _breach_notified(task: DepartmentTask) -> bool:
    """Its ``TaskMilestone`` breach row: annotated by ``cases_for_api`` (``breach_notified``),
    else read (a query per task)."""
    notified = getattr(task, "breach_notified", None)
    if notified is None:
        notified = task.milestones.filter(milestone=Milestone.BREACH).exists()
    return notified


def task_breached(task: DepartmentTask, clock: TaskDays, *, today: date) -> bool:
    """Past its target: notified by the sweep, past the deadline while worked on (a task
    that waits has its deadline moved when the answer comes), or decided over target."""
    if _breach_notified(task):
        return True
    if not task.target_days:
        return False
    if task.status == TaskStatus.DONE:
        return clock.net > target_units(task.target_days, task.target_unit)
    waiting = task.status == TaskStatus.WAITING
    return milestone(today, None, task.deadline, waiting=waiting) == BREACH


def _decision_national_days(task: DepartmentTask) -> int | None:
    try:
        return task.decision.national_days
    except DepartmentTask.decision.RelatedObjectDoesNotExist:
        return None


def _span(task: DepartmentTask) -> TaskSpan:
    """A task for the case clock; its pauses are its information requests."""
    done = task.status == TaskStatus.DONE and task.completed_at is not None
    done_on = local_date(task.completed_at) if done else None
    pauses = [
        (
            local_date(request.requested_at),
            local_date(request.answered_at) if request.answered_at else None,
        )
        for request in task.information_requests.all()
    ]
    return TaskSpan(task.received_on, done_on, pauses)


def case_net(case: Case, *, today: date | None = None) -> int:
    end = local_date(case.closed_at) if case.closed_at else today or timezone.localdate()
    return case_net_days(
        local_date(case.received_at),
        end,
        [_span(task) for task in case.tasks.all()],
        closing_days=settings.KES_CLOSING_DAYS,
    )


class BusinessSerializer(serializers.Serializer):
    cvr = serializers.CharField()
    name = serializers.CharField()


class CaseSerializer(serializers.Serializer):
    """A case for ``cases_for_api()``; with another queryset it still works, with a
    query per task."""

    reference = serializers.CharField()
    track = serializers.CharField()
    status = serializers.CharField()
    channel = serializers.CharField()
    received_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    business = BusinessSerializer()
    gross_days = serializers.SerializerMethodField()
    net_days = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    star_meeting = serializers.SerializerMethodField()
    pilot = serializers.SerializerMethodField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One "today" for the whole representation, even across midnight.
        self.today = self.context.get("today") or timezone.localdate()

    def get_gross_days(self, case: Case) -> int:
        return case_gross_days(case, today=self.today)

    def get_net_days(self, case: Case) -> int:
        return case_net(case, today=self.today)

    def get_pilot(self, case: Case) -> dict | None:
        """Virksomhedslods: the business's one contact person (DESIGN.md §6)."""
        contact = pilot_contact(case)
        return contact.as_dict() if contact else None

    def get_star_meeting(self, case: Case) -> dict | None:
        meeting = getattr(case, "star_meeting", None)
        if meeting is None:
            return None
        ics_url = None
        if meeting.starts_at is not None:
            ics_url = reverse("star_meeting_ics", args=[case.reference])
            request = self.context.get("request")
            if request is not None:
                ics_url = request.build_absolute_uri(ics_url)
        return {
            "status": meeting.status,
            "starts_at": serializers.DateTimeField().to_representation(meeting.starts_at)
            if meeting.starts_at
            else None,
            "place": meeting.place or meeting.video_url,
            "ics_url": ics_url,
        }

    def get_tasks(self, case: Case) -> list[dict]:
        return [self._task(task) for task in case.tasks.all() if task.kind == TaskKind.DECISION]

    def _task(self, task: DepartmentTask) -> dict:
        clock = task_clock(task, today=self.today)
        target = None
        if task.target_days is not None:
            target = {"days": task.target_days, "unit": task.target_unit}
        return {
            "service": task.case_service.service.code if task.case_service else None,
            "department": task.department.code,
            "status": task.status,
            "target": target,
            "deadline": task.deadline.isoformat() if task.deadline else None,
            "gross_days": clock.gross,
            "net_days": clock.net,
            "paused_days": clock.paused,
            "complete_on": task.complete_on.isoformat() if task.complete_on else None,
            "warning_on": task.warning_on.isoformat() if task.warning_on else None,
            "breached": task_breached(task, clock, today=self.today),
            "national_days": _decision_national_days(task),
        }
