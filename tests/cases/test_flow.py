"""A case driven through its flow, per track, from submission to closure."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from cases.constants import CaseStatus, EventKind, LetterKind, Outcome, TaskKind, TaskStatus
from cases.models import CaseEvent, DepartmentTask, Letter
from cases.services import (
    case_pilot_assign,
    information_answer,
    kes_task_complete,
    pilot_case_close,
    pilot_introduction_add,
    pilot_introduction_complete,
    task_decide,
    task_request_information,
)
from cases.services.pilots import involved_department_ids
from cases.services.routing import process_of
from routing.calendar import local_date
from tests.cases.helpers import (
    APPROVE,
    CONCERT,
    OUTDOOR,
    PLOT,
    SMALL_EVENT,
    approve_star_meeting,
    decide_all,
    submit_case,
    worker,
)


def test_self_service_case_is_decided_by_one_department_and_closed(
    catalogue, business, business_user, django_capture_on_commit_callbacks
):
    case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    assert case.track == "self_service"
    tasks = list(case.tasks.all())
    assert [(t.department.code, t.status) for t in tasks] == [("city_use", TaskStatus.OPEN)]
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert Letter.objects.filter(case=case, kind=LetterKind.DECISION).count() == 1
    kinds = list(case.events.values_list("kind", flat=True))
    assert EventKind.ROUTED in kinds and EventKind.DECIDED in kinds and EventKind.CLOSED in kinds
    process = process_of(case)
    assert process.status == PROCESS.DONE
    nodes = [task.flow_task.name for task in process.task_set.order_by("pk")]
    assert nodes == [
        "start",
        "route",
        "departments",
        "department_task",
        "join",
        "after_departments",
        "close",
        "end",
    ]


def test_event_goes_to_three_departments_and_waits_for_every_one(
    catalogue, business, business_user
):
    case = submit_case(business, business_user, ["event_public_space"], SMALL_EVENT)
    assert case.track == "self_service"
    tasks = list(case.tasks.select_related("department"))
    assert len(tasks) == 3
    first, *rest = tasks
    request = task_request_information(
        task=first,
        by=worker(first.department.code),
        text="Send a site plan",
        due_on=local_date(timezone.now()) + timedelta(days=10),
    )
    first.refresh_from_db()
    assert first.status == TaskStatus.WAITING and first.paused_since is not None
    with pytest.raises(ValidationError):
        task_decide(task=first, by=first.assignee, **APPROVE)
    information_answer(request=request, by=business_user, text="Here it is")
    first.refresh_from_db()
    assert first.status == TaskStatus.IN_REVIEW and first.paused_since is None
    for task in rest:
        task_decide(task=task, by=worker(task.department.code), **APPROVE)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    task_decide(task=first, by=first.assignee, **APPROVE)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_rejection_without_constructive_parts_is_refused(catalogue, business, business_user):
    case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    task = case.tasks.get()
    with pytest.raises(ValidationError) as excinfo:
        task_decide(task=task, by=worker("city_use"), outcome=Outcome.REJECTED, statement="Nej")
    assert set(excinfo.value.message_dict) == {
        "provisions",
        "way_forward",
        "alternatives",
        "complaint",
    }
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_immediate_digital_question_is_answered_from_kes_queue(
    catalogue, business, business_user, kes_user
):
    case = submit_case(business, business_user, ["sign_rules"], {})
    task = case.tasks.get()
    assert task.kind == TaskKind.IMMEDIATE_ANSWER and task.department.code == "kes"
    kes_task_complete(task=task, by=kes_user, topic="Skilte", answer="Se reglerne")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.immediate_answer.text == "Se reglerne"


def test_pilot_case_waits_for_kes_then_goes_to_departments(
    catalogue, business, business_user, kes_user, pilot_user
):
    """The whole pilot journey is in test_pilot_flow.py."""
    case = submit_case(business, business_user, ["event_public_space"], CONCERT)
    assert case.track == "pilot"
    task = case.tasks.get()
    assert task.kind == TaskKind.ASSIGN_PILOT
    case_pilot_assign(case=case, pilot=pilot_user, by=kes_user)
    for department_id in involved_department_ids(case):
        pilot_introduction_add(
            case=case,
            by=pilot_user,
            department_id=department_id,
            contact_name="Kontakt",
            introduced_on=local_date(timezone.now()),
        )
    pilot_introduction_complete(case=case, by=pilot_user)
    assert case.tasks.filter(kind=TaskKind.DECISION).count() == 4
    decide_all(case)
    pilot_case_close(case=case, by=pilot_user, summary="Færdig")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_caseworker_of_another_department_may_not_decide(catalogue, business, business_user):
    case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    with pytest.raises(PermissionDenied):
        task_decide(task=case.tasks.get(), by=worker("parking"), **APPROVE)
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.DECIDED).exists()
    assert DepartmentTask.objects.get(case=case).status == TaskStatus.OPEN


def test_assisted_case_records_who_helped_and_is_decided_by_the_departments(
    catalogue, business, kes_user
):
    case = submit_case(business, kes_user, ["outdoor_serving"], OUTDOOR, channel="phone")
    assert case.track == "assisted" and case.assisted_by == kes_user
    assert case.tasks.get().department.code == "city_use"
    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_star_meeting_case_waits_for_triage_then_goes_to_departments(catalogue, business, kes_user):
    case = submit_case(business, kes_user, ["buy_municipal_plot"], PLOT, channel="counter")
    assert case.track == "star_meeting"
    triage = case.tasks.get()
    assert (triage.kind, triage.department.code) == (TaskKind.TRIAGE, "kes")
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    approve_star_meeting(case)
    departments = sorted(
        case.tasks.filter(kind=TaskKind.DECISION).values_list("department__code", flat=True)
    )
    assert departments == ["building", "environment", "properties", "traffic"]
    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.letters.filter(kind=LetterKind.DECISION).count() == 1
