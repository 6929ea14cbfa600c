"""Steps every service on a task takes: lock it with its flow, check it is open, let the
caseworker who acts take it, and write the task's audit event. Shared by the department
work (``work``) and KES's own tasks (``kes_tasks``)."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..constants import EventKind, TaskStatus
from ..models import CaseEvent, DepartmentTask
from .routing import process_of


@contextmanager
def locked_task(task: DepartmentTask):
    """The case's process locked and the task re-read under the lock."""
    process = process_of(task.case)
    with process.flow_class.lock(process.pk):
        fresh = DepartmentTask.objects.select_related("case", "department").get(pk=task.pk)
        yield fresh, process


def task_event(task, kind, actor, *, note="", **data):
    return CaseEvent.objects.create(
        case_id=task.case_id,
        kind=kind,
        actor=actor,
        note=note,
        data={"task": task.pk, "department": task.department.code, **data},
    )


def require_open(task):
    if task.status == TaskStatus.DONE:
        raise ValidationError({"task": [_("This task has already been completed.")]})


def take_if_unassigned(task, by):
    """A caseworker who acts on an unassigned task takes it."""
    if task.assignee_id is None:
        task.assignee = by
        task_event(task, EventKind.TASK_ASSIGNED, by, to=by.pk)
