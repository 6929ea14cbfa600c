"""A year of decided demo history, so a newcomer's dashboard and the public processing-times
page show real figures (issue 15). Never for production.

A few hundred decided department tasks with received dates over the last 12 months, drawn
from ``random.Random(HISTORY_SEED)``: net time a lognormal share of the target (most well
inside it, about one in six past it), a pause for information on about a third (an answered
request), the channel mix of a real front desk. Gross, net, deadline, warning date and the
national clock follow from the dates by the same calendar rules as live cases.

Written in bulk (a handful of INSERTs per table), for the history businesses only, and only
when they have no case yet: running seed_demo twice adds nothing the second time.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.constants import CaseStatus, Channel, EventKind, Outcome, TaskKind, TaskStatus, Track
from cases.models import (
    Business,
    Case,
    CaseEvent,
    CaseService,
    Decision,
    DepartmentTask,
    InformationRequest,
)
from cases.services import decision_facts
from cases.services.references import case_references_reserve
from intake.models import Service
from routing.calendar import deadline_after_paused_units
from routing.sla import national_days, warning_date

from .history_draw import HISTORY_SEED, DrawnCase, at_time, history_draw

STATEMENTS = {
    Outcome.APPROVED: "Ansøgningen er godkendt.",
    Outcome.APPROVED_WITH_CONDITIONS: "Ansøgningen er godkendt på vilkår.",
    Outcome.REJECTED: "Ansøgningen kan ikke godkendes i den foreliggende form.",
}
HISTORY_BUSINESSES = [
    ("30500016", "Nørrebro Bageri ApS", "da"),
    ("31720028", "Havnens Fiskebar I/S", "da"),
    ("32940048", "Vesterbro Cykler ApS", "da"),
    ("34160058", "Amager Byg A/S", "da"),
    ("35380051", "Østerbro Blomster ApS", "da"),
    ("36600063", "Copenhagen Event Partners ApS", "en"),
    ("37820075", "Christianshavn Kaffebar ApS", "da"),
    ("39040085", "Valby Værksted ApS", "da"),
]


def _businesses() -> list[int]:
    existing = set(
        Business.objects.filter(cvr__in=[c for c, _, _ in HISTORY_BUSINESSES]).values_list(
            "cvr", flat=True
        )
    )
    Business.objects.bulk_create(
        Business(
            cvr=cvr,
            name=name,
            language=language,
            email=f"kontakt-{cvr}@example.invalid",
            city="København",
        )
        for cvr, name, language in HISTORY_BUSINESSES
        if cvr not in existing
    )
    return list(
        Business.objects.filter(cvr__in=[c for c, _, _ in HISTORY_BUSINESSES])
        .order_by("cvr")
        .values_list("pk", flat=True)
    )


def demo_history_seed(*, kes, pilot) -> int:
    """Write the history unless the history businesses have cases; the number of decided
    tasks written (0 when it was there already). ``kes`` registers the phone and counter
    cases, ``pilot`` pilots the complex ones; each department's ``demo-<code>`` decides."""
    cvrs = [cvr for cvr, _, _ in HISTORY_BUSINESSES]
    if Case.objects.filter(business__cvr__in=cvrs).exists():
        return 0
    services = list(
        Service.objects.filter(
            is_active=True, immediate=False, target_days__isnull=False, departments__isnull=False
        )
        .distinct()
        .order_by("code")
        .prefetch_related("departments")
    )
    if not services:
        return 0
    deciders = {
        user.username.removeprefix("demo-"): user
        for user in get_user_model().objects.filter(username__startswith="demo-")
    }
    rng = random.Random(HISTORY_SEED)  # noqa: S311  (a fixed seed for repeatable demo data)
    drawn = history_draw(rng, services, _businesses(), timezone.localdate())
    return _write(rng, drawn, kes=kes, pilot=pilot, deciders=deciders)


def _references(drawn: list[DrawnCase]) -> list[str]:
    by_year = defaultdict(list)
    for index, case in enumerate(drawn):
        by_year[case.received.year].append(index)
    references = [""] * len(drawn)
    for year, indexes in sorted(by_year.items()):
        for index, reference in zip(
            indexes, case_references_reserve(year=year, count=len(indexes)), strict=True
        ):
            references[index] = reference
    return references


def _write(rng, drawn: list[DrawnCase], *, kes, pilot, deciders) -> int:
    share, names = settings.KES_SLA_WARNING_SHARE, settings.KES_CLOSING_DAYS
    department_codes = {d.pk: d.code for case in drawn for d in case.service.departments.all()}
    cases = []
    for case, reference in zip(drawn, _references(drawn), strict=True):
        piloted = case.service.complexity != "simple" and rng.random() < 0.5
        track = (
            Track.PILOT
            if piloted
            else Track.SELF_SERVICE
            if case.channel == Channel.DIGITAL
            else Track.ASSISTED
        )
        received_at = at_time(case.received, rng)
        closed_at = max(at_time(task.decided, rng, 9, 16) for task in case.tasks)
        cases.append(
            Case(
                reference=reference,
                business_id=case.business_id,
                channel=case.channel,
                track=track,
                complexity=case.service.complexity,
                status=CaseStatus.CLOSED,
                description=f"{case.service.name_da}.",
                received_at=received_at,
                closed_at=closed_at,
                submitted_by=kes,
                assisted_by=kes if case.channel != Channel.DIGITAL else None,
                language="da",
                pilot=pilot if piloted else None,
                pilot_assigned_at=received_at + timedelta(days=1) if piloted else None,
            )
        )
    Case.objects.bulk_create(cases)
    case_services = CaseService.objects.bulk_create(
        CaseService(
            case=row,
            service=case.service,
            target_days=case.service.target_days,
            target_unit=case.service.target_unit,
        )
        for row, case in zip(cases, drawn, strict=True)
    )
    Case.departments.through.objects.bulk_create(
        Case.departments.through(case_id=row.pk, department_id=task.department_id)
        for row, case in zip(cases, drawn, strict=True)
        for task in case.tasks
    )
    CaseService.departments.through.objects.bulk_create(
        CaseService.departments.through(caseservice_id=cs.pk, department_id=task.department_id)
        for cs, case in zip(case_services, drawn, strict=True)
        for task in case.tasks
    )
    pairs = [
        (row, cs, task)
        for row, cs, case in zip(cases, case_services, drawn, strict=True)
        for task in case.tasks
    ]
    decided_at = {id(task): at_time(task.decided, rng, 9, 16) for _, _, task in pairs}
    tasks = DepartmentTask.objects.bulk_create(
        DepartmentTask(
            case=row,
            case_service=cs,
            department_id=task.department_id,
            kind=TaskKind.DECISION,
            status=TaskStatus.DONE,
            assignee=deciders.get(department_codes[task.department_id]),
            received_on=task.received,
            target_days=task.days,
            target_unit=task.unit,
            deadline=deadline_after_paused_units(
                task.received, task.days, task.unit, task.paused, closing_days=names
            ),
            paused_units=task.paused,
            created_at=row.received_at,
            completed_at=decided_at[id(task)],
            complete_on=task.complete_on,
            warning_on=warning_date(
                task.received, task.days, task.unit, task.paused, share=share, closing_days=names
            ),
        )
        for row, cs, task in pairs
    )
    Decision.objects.bulk_create(
        Decision(
            task=row,
            outcome=task.outcome,
            statement=STATEMENTS[task.outcome],
            conditions="Borde og stole fjernes efter lukketid."
            if task.outcome == Outcome.APPROVED_WITH_CONDITIONS
            else "",
            way_forward="Send en ny tegning med mindst 1,5 m fri passage."
            if task.outcome == Outcome.REJECTED
            else "",
            decided_by=deciders.get(department_codes[task.department_id]) or kes,
            decided_at=decided_at[id(task)],
            gross_units=task.gross,
            net_units=task.net,
            national_days=national_days(
                task.complete_on, task.received, task.decided, [task.pause] if task.pause else []
            ),
            # One request per pause (written below).
            **decision_facts(row, net_units=task.net, requests=1 if task.pause else 0),
        )
        for row, (_, _, task) in zip(tasks, pairs, strict=True)
    )
    InformationRequest.objects.bulk_create(
        InformationRequest(
            task=row,
            text="Send venligst en målfast tegning.",
            due_on=task.pause[0] + timedelta(days=14),
            requested_by=deciders.get(department_codes[task.department_id]) or kes,
            requested_at=at_time(task.pause[0], rng),
            answered_at=at_time(task.pause[1], rng),
        )
        for row, (_, _, task) in zip(tasks, pairs, strict=True)
        if task.pause
    )
    events = []
    for row, case in zip(cases, drawn, strict=True):
        events.append(
            CaseEvent(
                case=row,
                kind=EventKind.RECEIVED,
                at=row.received_at,
                actor=kes,
                data={"channel": case.channel, "received_at": row.received_at.isoformat()},
            )
        )
        events.append(CaseEvent(case=row, kind=EventKind.CLOSED, at=row.closed_at))
    for task_row, (row, _, task) in zip(tasks, pairs, strict=True):
        events.append(
            CaseEvent(
                case=row,
                kind=EventKind.DECIDED,
                at=decided_at[id(task)],
                actor=task_row.assignee,
                data={
                    "task": task_row.pk,
                    "department": department_codes[task.department_id],
                    "outcome": task.outcome,
                },
            )
        )
    CaseEvent.objects.bulk_create(events)
    return len(tasks)
