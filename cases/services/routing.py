"""Moving a case through its flow: start it, open the department tasks, close it.

The flow (``cases.flows.CaseFlow``) decides what comes next; these functions write what
that means for the case, each with its audit events. Department tasks are written in one
query whatever their number; viewflow then adds its own row per branch.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from viewflow.workflow.models import Task

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
from ..tracks import IMMEDIATE_TARGET_DAYS, kes_task_of
from .outbox import case_notification_add


def _kes_department() -> Department:
    return Department.objects.get(code=KES_DEPARTMENT_CODE)


def _deadline(received_on, days, unit):
    if not days:
        return None
    return deadline(received_on, days, unit, closing_days=settings.KES_CLOSING_DAYS)


def case_route(*, case: Case) -> CaseProcess | None:
    """Start the flow of an open case (inside its submitting transaction).

    Tracks that start with KES get KES's task first; the others go straight to their
    departments. A case closed at creation (answered at the counter) has no flow.
    """
    if case.status == CaseStatus.CLOSED:
        return None
    kind = kes_task_of(case.track)
    if kind is not None:
        received_on = local_date(case.received_at)
        target = IMMEDIATE_TARGET_DAYS if kind == TaskKind.IMMEDIATE_ANSWER else None
        task = DepartmentTask.objects.create(
            case=case,
            department=_kes_department(),
            kind=kind,
            received_on=received_on,
            target_days=target,
            deadline=_deadline(received_on, target, TargetUnit.BUSINESS),
        )
        CaseEvent.objects.create(
            case=case, kind=EventKind.KES_TASK_CREATED, data={"task": task.pk, "task_kind": kind}
        )
    return case_flow().start.run(case=case)


def department_tasks_start(*, case_id: int) -> list[int]:
    """One task per (service, department) of the case; a service no department decides
    is decided by KES. Returns the task ids, which become the flow's parallel branches."""
    case = Case.objects.select_for_update().get(pk=case_id)
    rows = list(case.services.prefetch_related("departments"))
    received_on = local_date(case.received_at)
    kes = None
    tasks = []
    for row in rows:
        departments = list(row.departments.all())
        if not departments:
            kes = kes or _kes_department()
            departments = [kes]
        for department in departments:
            tasks.append(
                DepartmentTask(
                    case=case,
                    case_service=row,
                    department=department,
                    kind=TaskKind.DECISION,
                    received_on=received_on,
                    target_days=row.target_days,
                    target_unit=row.target_unit,
                    deadline=_deadline(received_on, row.target_days, row.target_unit),
                )
            )
    DepartmentTask.objects.bulk_create(tasks)
    case.status = CaseStatus.IN_PROGRESS
    case.save(update_fields=["status"])
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.ROUTED,
        data={
            "tasks": [
                {
                    "task": t.pk,
                    "service": t.case_service.service_id,
                    "department": t.department.code,
                }
                for t in tasks
            ]
        },
    )
    return [task.pk for task in tasks]


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


def flow_task_complete(task: DepartmentTask, process: CaseProcess) -> None:
    """Let the flow move on from a finished task (join, next tasks, closing)."""
    assert task.status == TaskStatus.DONE
    flow_task = flow_task_of(task, process)
    flow_task.flow_task.run(flow_task)
