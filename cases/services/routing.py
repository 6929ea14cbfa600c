"""Moving a case through its flow: start it, open the department tasks, close it.

The flow (``cases.flows.CaseFlow``) decides what comes next; these functions write what
that means for the case, each with its audit events. Department tasks are written in one
query whatever their number; viewflow then adds its own row per branch.
"""

from collections.abc import Sequence

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from routing.calendar import deadline, local_date
from routing.constants import KES_DEPARTMENT_CODE, TargetUnit
from routing.models import Department

from ..constants import (
    CaseStatus,
    EventKind,
    LetterKind,
    NotificationKind,
    TaskKind,
    TaskStatus,
)
from ..models import Case, CaseEvent, CaseProcess, DepartmentTask, Letter
from ..sla.state import warning_on_for
from ..tracks import IMMEDIATE_TARGET_DAYS, closes_via_pilot, kes_task_of
from .outbox import case_notification_add
from .writes import ServiceRow


def _kes_department() -> Department:
    return Department.objects.get(code=KES_DEPARTMENT_CODE)


def _deadline(received_on, days, unit):
    if not days:
        return None
    return deadline(received_on, days, unit, closing_days=settings.KES_CLOSING_DAYS)


def status_at_creation(*, track: str, closed: bool) -> CaseStatus:
    """A new case's status once routed: closed when answered at once, in progress when it
    goes straight to its departments, received while KES's own task comes first."""
    if closed:
        return CaseStatus.CLOSED
    return CaseStatus.RECEIVED if kes_task_of(track) is not None else CaseStatus.IN_PROGRESS


def _decision_tasks(
    *, case: Case, rows: Sequence[ServiceRow], kes_department_id: int | None, received_on
) -> list[tuple[DepartmentTask, str]]:
    """One task per (service, department), with its department's code; a service no
    department decides is decided by KES."""
    tasks = []
    for row, departments in rows:
        for code, department_id in departments or [(KES_DEPARTMENT_CODE, kes_department_id)]:
            task = DepartmentTask(
                case=case,
                case_service=row,
                department_id=department_id,
                kind=TaskKind.DECISION,
                received_on=received_on,
                target_days=row.target_days,
                target_unit=row.target_unit,
                deadline=_deadline(received_on, row.target_days, row.target_unit),
                warning_on=warning_on_for(received_on, row.target_days, row.target_unit),
            )
            tasks.append((task, code))
    return tasks


def _routed_event(case: Case, tasks: Sequence[tuple[DepartmentTask, str]], at) -> CaseEvent:
    return CaseEvent(
        case=case,
        kind=EventKind.ROUTED,
        at=at,
        data={
            "tasks": [
                {"task": task.pk, "service": task.case_service.service_id, "department": code}
                for task, code in tasks
            ]
        },
    )


def case_tasks_open(
    *, case: Case, rows: Sequence[ServiceRow], kes_department_id: int | None, at
) -> tuple[list[int], list[CaseEvent]]:
    """The tasks a new open case starts with, written in one query, from what the
    submission just wrote (nothing is read back): KES's task for the tracks that start with
    KES, else one decision task per (service, department). Returns the decision tasks' ids
    (the flow's parallel branches) and their events, unsaved, for the caller to insert with
    the case's other events. The case's status is already ``status_at_creation``."""
    received_on = local_date(case.received_at)
    kind = kes_task_of(case.track)
    if kind is not None:
        target = IMMEDIATE_TARGET_DAYS if kind == TaskKind.IMMEDIATE_ANSWER else None
        task = DepartmentTask(
            case=case,
            department_id=kes_department_id,
            kind=kind,
            received_on=received_on,
            target_days=target,
            deadline=_deadline(received_on, target, TargetUnit.BUSINESS),
            warning_on=warning_on_for(received_on, target, TargetUnit.BUSINESS),
        )
        DepartmentTask.objects.bulk_create([task])
        event = CaseEvent(
            case=case,
            kind=EventKind.KES_TASK_CREATED,
            at=at,
            data={"task": task.pk, "task_kind": kind},
        )
        return [], [event]
    tasks = _decision_tasks(
        case=case, rows=rows, kes_department_id=kes_department_id, received_on=received_on
    )
    DepartmentTask.objects.bulk_create([task for task, _code in tasks])
    return [task.pk for task, _code in tasks], [_routed_event(case, tasks, at)]


def case_route(*, case: Case, department_tasks: Sequence[int] = ()) -> CaseProcess | None:
    """Start the flow of an open case (inside its submitting transaction), whose first
    tasks ``case_tasks_open`` wrote: ``department_tasks`` become the parallel branches of a
    case that goes straight to its departments; KES's task comes first otherwise. A case
    closed at creation (answered at the counter) has no flow."""
    if case.status == CaseStatus.CLOSED:
        return None
    return case_flow().start.run(case=case, department_tasks=list(department_tasks))


def department_tasks_start(*, case_id: int) -> list[int]:
    """KES's first task is done: one task per (service, department) of the case; a service
    no department decides is decided by KES. Returns the task ids, which become the flow's
    parallel branches."""
    case = Case.objects.select_for_update().get(pk=case_id)
    rows = [
        (row, [(d.code, d.pk) for d in row.departments.all()])
        for row in case.services.prefetch_related("departments")
    ]
    kes_id = _kes_department().pk if any(not departments for _row, departments in rows) else None
    now = timezone.now()
    tasks = _decision_tasks(
        case=case, rows=rows, kes_department_id=kes_id, received_on=local_date(case.received_at)
    )
    DepartmentTask.objects.bulk_create([task for task, _code in tasks])
    case.status = CaseStatus.IN_PROGRESS
    case.save(update_fields=["status"])
    _routed_event(case, tasks, now).save()
    return [task.pk for task, _code in tasks]


def closes_via_its_pilot(*, case_id: int) -> bool:
    """Whether the case, its departments done, waits for its pilot's closing summary.

    Read from the case, not the process data: a track changed since the start (a star
    meeting declined into virksomhedslods) decides."""
    track = Case.objects.filter(pk=case_id).values_list("track", flat=True).get()
    return closes_via_pilot(track)


def case_close(*, case_id: int) -> Case:
    """The last task is done: close the case and write the decision letter's outbox row."""
    case = Case.objects.select_for_update().get(pk=case_id)
    if case.status == CaseStatus.CLOSED:
        return case
    now = timezone.now()
    case.status = CaseStatus.CLOSED
    case.closed_at = now
    case.save(update_fields=["status", "closed_at"])
    Letter.objects.get_or_create(
        case=case, kind=LetterKind.DECISION, defaults={"language": case.language}
    )
    CaseEvent.objects.create(case=case, kind=EventKind.CLOSED, at=now)
    case_notification_add(case=case, kind=NotificationKind.DECISION_LETTER, pk=case.pk)
    return case


def case_flow():
    """The case flow class, for the services that drive it."""
    # Not at module level: flows.py wires its nodes to this module's handlers (viewflow).
    from ..flows import CaseFlow

    return CaseFlow


def process_of(case: Case) -> CaseProcess:
    return CaseProcess.objects.get(
        artifact_content_type=ContentType.objects.get_for_model(Case),
        artifact_object_id=case.pk,
    )


def flow_task_of(task: DepartmentTask, process: CaseProcess):
    """The viewflow task that stands for a department task."""
    flow = case_flow()
    if task.kind == TaskKind.DECISION:
        return Task.objects.get(
            process=process,
            flow_task=flow.department_task,
            data__department_task=task.pk,
        )
    node = flow.kes_answer if task.kind == TaskKind.IMMEDIATE_ANSWER else flow.kes_first
    return Task.objects.get(process=process, flow_task=node)


def pilot_close_task_of(process: CaseProcess):
    """The flow's waiting "the pilot closes the case" task, or None while the departments
    still work (or the case is closed)."""
    return (
        Task.objects.filter(process=process, flow_task=case_flow().pilot_close)
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .first()
    )


def flow_task_complete(task: DepartmentTask, process: CaseProcess) -> None:
    """Let the flow move on from a finished task (join, next tasks, closing)."""
    assert task.status == TaskStatus.DONE
    flow_task = flow_task_of(task, process)
    flow_task.flow_task.run(flow_task)
