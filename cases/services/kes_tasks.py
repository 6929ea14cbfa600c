"""KES's own tasks: answer a digital question (straksafklaring), or let a pilot or
star-meeting case go on to its departments. "Assign a pilot" is not handled here: KES
staff assign the pilot and the pilot completes the task after the introductions
(``cases.services.pilots``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import TOPIC_MAX_LENGTH, EventKind, TaskKind, TaskStatus
from ..models import DepartmentTask, ImmediateAnswer
from ..permissions import may_work_task
from .checks import check_text
from .routing import flow_task_complete
from .task_steps import locked_task, require_open, take_if_unassigned, task_event
from .work import TEXT_MAX_LENGTH


@transaction.atomic
def kes_task_complete(
    *, task: DepartmentTask, by, topic: str = "", answer: str = "", note: str = ""
) -> DepartmentTask:
    """KES's own task: answer the immediate question (``topic`` and ``answer``), or, until
    the pilot and star-meeting tracks are built, let the department tasks start."""
    errors: dict[str, list[str]] = {}
    with locked_task(task) as (task, process):
        require_open(task)
        if task.kind == TaskKind.DECISION or not may_work_task(by, task):
            raise PermissionDenied
        if task.kind == TaskKind.TRIAGE:
            # The triage committee decides a proposal (cases.services.triage).
            raise PermissionDenied
        if task.kind == TaskKind.ASSIGN_PILOT:
            raise ValidationError(
                {
                    "note": [
                        _(
                            "Assign a business pilot; the pilot completes this task once "
                            "the business has been introduced to its departments."
                        )
                    ]
                }
            )
        now = timezone.now()
        if task.kind == TaskKind.IMMEDIATE_ANSWER:
            topic = check_text(
                topic,
                "topic",
                errors,
                limit=TOPIC_MAX_LENGTH,
                missing=_("Write what the question is about."),
            )
            answer = check_text(
                answer, "answer", errors, limit=TEXT_MAX_LENGTH, missing=_("Write the answer.")
            )
        else:
            note = check_text(note, "note", errors, limit=TEXT_MAX_LENGTH)
        if errors:
            raise ValidationError(errors)
        take_if_unassigned(task, by)
        task.status = TaskStatus.DONE
        task.completed_at = now
        task.save(update_fields=["status", "completed_at", "assignee"])
        if task.kind == TaskKind.IMMEDIATE_ANSWER:
            ImmediateAnswer.objects.create(
                case=task.case, topic=topic, text=answer, answered_by=by, answered_at=now
            )
            task_event(task, EventKind.ANSWERED_IMMEDIATELY, by, topic=topic)
        else:
            task_event(task, EventKind.KES_TASK_DONE, by, note=note, task_kind=task.kind)
        flow_task_complete(task, process)
        return task
