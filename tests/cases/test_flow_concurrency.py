"""Parallel department tasks decided at the same moment: one join, one close, one letter."""

import threading

import pytest
from django.db import connection
from viewflow.workflow.models import Task

from cases.constants import CaseStatus, EventKind, LetterKind, Outcome
from cases.flows import CaseFlow
from cases.models import CaseEvent, Letter
from cases.services import task_decide
from tests.cases.helpers import SMALL_EVENT, department_member, submit_case
from tests.factories import BusinessMembershipFactory, UserFactory, load_shipped_catalogue


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite ignores SELECT FOR UPDATE and serialises writers; run on PostgreSQL",
)
def test_simultaneous_last_decisions_join_once_and_write_one_letter(transactional_db, mailoutbox):
    load_shipped_catalogue()
    membership = BusinessMembershipFactory(user=UserFactory(username="t-parallel"))
    case = submit_case(
        membership.business,
        membership.user,
        ["event_public_space"],
        SMALL_EVENT,
        description="Gadefest",
    )
    tasks = list(case.tasks.select_related("department"))
    assert len(tasks) == 3
    workers = {}
    for task in tasks:
        code = task.department.code
        workers[task.pk] = department_member(f"t-{code}", code)
    barrier = threading.Barrier(len(tasks))
    failures = []

    def decide(task):
        try:
            barrier.wait(timeout=30)
            task_decide(
                task=task, by=workers[task.pk], outcome=Outcome.APPROVED, statement="Godkendt"
            )
        except Exception as exc:  # noqa: BLE001  (reported below)
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    process_tasks = Task.objects.filter(process__artifact_object_id=case.pk)
    assert process_tasks.filter(flow_task=CaseFlow.join).count() == 1
    assert process_tasks.filter(flow_task=CaseFlow.close).count() == 1
    assert process_tasks.filter(flow_task=CaseFlow.end).count() == 1
    assert Letter.objects.filter(case=case, kind=LetterKind.DECISION).count() == 1
    assert CaseEvent.objects.filter(case=case, kind=EventKind.CLOSED).count() == 1
    assert case.events.filter(kind=EventKind.DECIDED).count() == 3
