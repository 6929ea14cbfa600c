"""Decided tasks written straight as rows, with the gross and net times a test chooses (the
figures' tests are about aggregation, not about the clock that produced the times)."""

from datetime import datetime
from itertools import count

from cases.constants import CaseStatus, Channel, Complexity, Outcome, TaskKind, TaskStatus, Track
from cases.models import Case, CaseService, Decision, DepartmentTask
from cases.services import decision_facts
from intake.models import Service
from routing.calendar import COPENHAGEN
from tests.factories import BusinessFactory, UserFactory

_numbers = count(1)


def at(day, hour=12, minute=0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=COPENHAGEN)


def decided(code, *, net, decided_at, gross=None, days=None, unit=None, kind=TaskKind.DECISION):
    """One decided task of the service ``code``; its target is the service's unless
    ``days``/``unit`` say otherwise (``days=0`` for a task without a target)."""
    service = Service.objects.get(code=code)
    user = UserFactory(username=f"pt-{next(_numbers)}")
    case = Case.objects.create(
        reference=f"PT-{next(_numbers):06d}",
        business=BusinessFactory(),
        channel=Channel.DIGITAL,
        track=Track.SELF_SERVICE,
        complexity=Complexity.SIMPLE,
        status=CaseStatus.CLOSED,
        description="Test",
        received_at=decided_at,
        closed_at=decided_at,
        submitted_by=user,
        language="da",
    )
    target_days = service.target_days if days is None else (days or None)
    target_unit = unit or service.target_unit
    case_service = CaseService.objects.create(
        case=case, service=service, target_days=target_days, target_unit=target_unit
    )
    task = DepartmentTask.objects.create(
        case=case,
        case_service=case_service,
        department=service.departments.first(),
        kind=kind,
        status=TaskStatus.DONE,
        received_on=decided_at.date(),
        target_days=target_days,
        target_unit=target_unit,
        completed_at=decided_at,
    )
    return Decision.objects.create(
        task=task,
        outcome=Outcome.APPROVED,
        statement="Ja.",
        decided_by=user,
        decided_at=decided_at,
        gross_units=net if gross is None else gross,
        net_units=net,
        **decision_facts(task, net_units=net, requests=0),
    )
