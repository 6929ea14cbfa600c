"""A fixed data set whose figures were computed by hand (see ``EXPECTED``).

Today is 2026-06-15; the period is 2026-01-01 to 2026-06-30. Two departments (city_use
with targets of 10 business days, building with 2 weeks = 14 units), nine tasks decided in
the period, two just outside it (Copenhagen midnight on both ends), five open tasks.

| task | dept | target | gross | net | national | decided | channel | track |
| t1 | city_use | 10 b | 5 | 5 | 4 | 2026-01-01 00:30 | digital (case of t6) | self_service |
| t2 | city_use | 10 b | 8 | 6 | 6 | 2026-01-20 | digital | self_service |
| t3 | city_use | 10 b | 12 | 10 | 9 | 2026-02-10 | phone | assisted |
| t4 | city_use | 10 b | 15 | 12 | 14 | 2026-03-03 | counter | assisted |
| t5 | city_use | 10 b | 20 | 20 | – | 2026-03-20, breached 03-10 | digital | self_service |
| t6 | building | 2 w | 10 | 10 | 10 | 2026-02-20 | digital (case of t1) | self_service |
| t7 | building | 2 w | 16 | 14 | 12 | 2026-04-02 | digital | self_service |
| t8 | building | 2 w | 30 | 21 | 20 | 2026-04-28, breached 04-10 | phone | self_service |
| t9 | city_use | none | 3 | 3 | 3 | 2026-05-05 | counter | self_service |
| x1 | city_use | 10 b | 1 | 1 | 1 | 2025-12-31 23:30 (outside) | digital | self_service |
| x2 | building | 2 w | 1 | 1 | 1 | 2026-07-01 00:10 (outside) | digital | self_service |

Open: o1 city_use received 06-12, warning 06-20, deadline 06-26 (age 3, below warning);
o2 city_use 05-20, warning 06-01, deadline 06-15 (age 26, at warning: the deadline day is
still within); o3 city_use 04-01, deadline 04-15, breached 04-16 (age 75, over target);
o4 building waiting since 05-01, received 02-01 (age 134); o5 building no target, received
06-08 (age 7: the band's last day). Information requests: t1 two, t3 one, t8 one, o4 one.
"Breached" is the sweep's breach milestone (``TaskMilestone``) on that day; t2 (01-15), t5
(03-05) and o3 (04-10) also have a warning milestone, which is no breach.
"""

from datetime import date, datetime

from django.db.models import Count

from cases.constants import Channel, Complexity, Milestone, Outcome, TaskKind, TaskStatus, Track
from cases.models import (
    Case,
    CaseService,
    Decision,
    DepartmentTask,
    InformationRequest,
    TaskMilestone,
)
from cases.services import decision_facts
from intake.models import Service
from routing.calendar import COPENHAGEN
from routing.models import Department
from tests.factories import BusinessFactory, UserFactory

TODAY = date(2026, 6, 15)
PERIOD = {"from": "2026-01-01", "to": "2026-06-30"}

EXPECTED = {
    "decided": 9,
    "with_target": 8,
    "within": 5,
    "over": 3,
    "share_within": 5 / 8,
    "cases": 8,
    # gross 3 5 8 10 12 15 16 20 30; net 3 5 6 10 10 12 14 20 21; national 3 4 6 9 10 12 14 20
    "gross_p50": 12.0,
    "gross_p90": 22.0,
    "net_p50": 10.0,
    "net_p90": 20.2,
    "national_p50": 9.5,
    "national_p90": 15.8,
    "requests": 4,
    "requests_per_case": 0.5,
}
EXPECTED_DEPARTMENTS = {
    # city_use net 3 5 6 10 12 20; building net 10 14 21
    "city_use": {"decided": 6, "with_target": 5, "within": 3, "net_p50": 8.0, "net_p90": 16.0},
    "building": {"decided": 3, "with_target": 3, "within": 2, "net_p50": 14.0, "net_p90": 19.6},
}
EXPECTED_TREND = [(1, 2, 2), (2, 2, 2), (3, 2, 0), (4, 2, 1), (5, 1, 0), (6, 0, 0)]
EXPECTED_BACKLOG = {
    "open": 5,
    "breached": 3,
    "breached_open": 1,
    "age:0-7": 2,
    "age:8-30": 1,
    "age:31-90": 1,
    "age:91+": 1,
    "use:below_warning": 1,
    "use:at_warning": 1,
    "use:over_target": 1,
    "use:waiting": 1,
    "use:no_target": 1,
}
EXPECTED_CHANNELS = {"digital": (4, 5), "phone": (2, 2), "counter": (2, 2)}

SERVICES = {"city_use": "outdoor_serving", "building": "road_occupation"}


def _at(day: date, hour=10, minute=0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=COPENHAGEN)


class Builder:
    def __init__(self):
        self.business = BusinessFactory()
        self.user = UserFactory(username="t-stats-decider")
        self.departments = {code: Department.objects.get(code=code) for code in SERVICES}
        self.services = {code: Service.objects.get(code=s) for code, s in SERVICES.items()}
        self.number = 0

    def case(self, *, channel=Channel.DIGITAL, track=Track.SELF_SERVICE, received=None):
        self.number += 1
        return Case.objects.create(
            reference=f"KES-2026-9{self.number:05d}",
            business=self.business,
            channel=channel,
            track=track,
            complexity=Complexity.SIMPLE,
            description="Statistik",
            received_at=_at(received or date(2026, 1, 1)),
            language="da",
            submitted_by=self.user,
        )

    def task(
        self, case, department, *, target=True, status=TaskStatus.DONE, milestones=(), **fields
    ):
        """``milestones``: (milestone, day) the sweep recorded for it."""
        weeks = department == "building"
        case_service = CaseService.objects.create(
            case=case, service=self.services[department], position=self.number
        )
        defaults = {"received_on": case.received_at.date()}
        if target:
            defaults |= {
                "target_days": 2 if weeks else 10,
                "target_unit": "weeks" if weeks else "business",
            }
        task = DepartmentTask.objects.create(
            case=case,
            case_service=case_service,
            department=self.departments[department],
            kind=TaskKind.DECISION,
            status=status,
            **(defaults | fields),
        )
        for milestone, day in milestones:
            TaskMilestone.objects.create(task=task, milestone=milestone, reached_at=_at(day))
        return task

    def decide(self, task, decided_at, gross, net, national):
        """Decided as the service decides: the statistics' columns from the task, with its
        requests (so they are made first)."""
        Decision.objects.create(
            task=task,
            outcome=Outcome.APPROVED,
            statement="Ja",
            decided_by=self.user,
            decided_at=decided_at,
            gross_units=gross,
            net_units=net,
            national_days=national,
            **decision_facts(task, net_units=net),
        )

    def request(self, task, answered=True):
        InformationRequest.objects.create(
            task=task,
            text="Tegning",
            due_on=date(2026, 1, 1),
            requested_by=self.user,
            answered_at=_at(date(2026, 1, 2)) if answered else None,
        )


def build(extra_decided: int = 0) -> Builder:
    """The data set; ``extra_decided`` more decided tasks (for query-count tests)."""
    b = Builder()
    shared = b.case()
    t1 = b.task(shared, "city_use")
    b.request(t1)
    b.request(t1)
    b.decide(t1, _at(date(2026, 1, 1), 0, 30), 5, 5, 4)
    t6 = b.task(shared, "building")
    b.decide(t6, _at(date(2026, 2, 20)), 10, 10, 10)
    rows = [
        (
            "city_use",
            Channel.DIGITAL,
            Track.SELF_SERVICE,
            date(2026, 1, 20),
            8,
            6,
            6,
            {"milestones": [(Milestone.WARNING, date(2026, 1, 15))]},
        ),
        ("city_use", Channel.PHONE, Track.ASSISTED, date(2026, 2, 10), 12, 10, 9, {}),
        ("city_use", Channel.COUNTER, Track.ASSISTED, date(2026, 3, 3), 15, 12, 14, {}),
        (
            "city_use",
            Channel.DIGITAL,
            Track.SELF_SERVICE,
            date(2026, 3, 20),
            20,
            20,
            None,
            {
                "milestones": [
                    (Milestone.WARNING, date(2026, 3, 5)),
                    (Milestone.BREACH, date(2026, 3, 10)),
                ]
            },
        ),
        ("building", Channel.DIGITAL, Track.SELF_SERVICE, date(2026, 4, 2), 16, 14, 12, {}),
        (
            "building",
            Channel.PHONE,
            Track.SELF_SERVICE,
            date(2026, 4, 28),
            30,
            21,
            20,
            {"milestones": [(Milestone.BREACH, date(2026, 4, 10))]},
        ),
        (
            "city_use",
            Channel.COUNTER,
            Track.SELF_SERVICE,
            date(2026, 5, 5),
            3,
            3,
            3,
            {"target": False},
        ),
    ]
    for department, channel, track, day, gross, net, national, fields in rows:
        # A warning alone is no breach (t2's) and a warning beside one counts it once (t5's).
        task = b.task(b.case(channel=channel, track=track), department, **fields)
        if day == date(2026, 2, 10) or day == date(2026, 4, 28):
            b.request(task)
        b.decide(task, _at(day), gross, net, national)
    x1 = b.task(b.case(), "city_use")
    b.decide(x1, _at(date(2025, 12, 31), 23, 30), 1, 1, 1)
    x2 = b.task(b.case(), "building")
    b.decide(x2, _at(date(2026, 7, 1), 0, 10), 1, 1, 1)
    opened = TaskStatus.IN_REVIEW
    b.task(
        b.case(received=date(2026, 6, 12)),
        "city_use",
        status=opened,
        warning_on=date(2026, 6, 20),
        deadline=date(2026, 6, 26),
    )
    b.task(
        b.case(received=date(2026, 5, 20)),
        "city_use",
        status=TaskStatus.OPEN,
        warning_on=date(2026, 6, 1),
        deadline=date(2026, 6, 15),
    )
    b.task(
        b.case(received=date(2026, 4, 1)),
        "city_use",
        status=opened,
        warning_on=date(2026, 4, 10),
        deadline=date(2026, 4, 15),
        milestones=[(Milestone.WARNING, date(2026, 4, 10)), (Milestone.BREACH, date(2026, 4, 16))],
    )
    o4 = b.task(
        b.case(received=date(2026, 2, 1)),
        "building",
        status=TaskStatus.WAITING,
        paused_since=date(2026, 5, 1),
        warning_on=date(2026, 2, 10),
        deadline=date(2026, 2, 20),
    )
    b.request(o4, answered=False)
    b.task(b.case(received=date(2026, 6, 8)), "building", status=opened, target=False)
    build_more(b, extra_decided)
    return b


def build_more(b: Builder, n: int) -> None:
    """``n`` more tasks decided in March (varied days and units) with a request each."""
    for i in range(n):
        task = b.task(b.case(channel=Channel.PHONE if i % 3 else Channel.DIGITAL), "city_use")
        b.request(task)
        b.decide(task, _at(date(2026, 3, 1 + i % 28)), 4 + i % 7, 4 + i % 5, 4 + i % 3)


def facts_differing(decisions) -> list:
    """The decisions whose statistics' columns are not their task's (by the rule of
    ``decision_facts``), as (decision id, column, stored, expected); [] when all agree."""
    differing = []
    rows = decisions.select_related("task__case", "task__case_service").annotate(
        task_requests=Count("task__information_requests")
    )
    for decision in rows:
        expected = decision_facts(
            decision.task, net_units=decision.net_units, requests=decision.task_requests
        )
        for column, value in expected.items():
            if getattr(decision, column) != value:
                differing.append((decision.pk, column, getattr(decision, column), value))
    return differing
