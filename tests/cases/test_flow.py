"""A case driven through its flow, per track, from submission to closure."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from cases.constants import CaseStatus, EventKind, LetterKind, Outcome, TaskKind, TaskStatus
from cases.models import CaseEvent, DepartmentTask, Letter
from cases.services import (
    case_submit,
    information_answer,
    kes_task_complete,
    task_decide,
    task_request_information,
)
from cases.services.routing import process_of
from routing.calendar import local_date
from routing.models import Department
from routing.services import membership_set
from tests.factories import UserFactory, keep_shipped_catalogue

OUTDOOR = {
    "outdoor_serving": {"area_m2": "20", "location_type": "pavement", "serves_alcohol": "false"}
}
SMALL_EVENT = {
    "event_public_space": {
        "expected_attendance": 300,
        "event_date": "2027-08-21",
        "location_type": "square",
        "serves_alcohol": False,
        "temporary_structures": False,
    }
}
CONCERT = {"event_public_space": {**SMALL_EVENT["event_public_space"], "expected_attendance": 5000}}
APPROVE = {"outcome": Outcome.APPROVED, "statement": "Godkendt."}


@pytest.fixture(scope="module")
def _catalogue(django_db_setup, django_db_blocker):
    yield from keep_shipped_catalogue(django_db_blocker)


@pytest.fixture
def catalogue(_catalogue, db):
    pass


@pytest.fixture
def business(business_user):
    return business_user.businesses.get()


def worker(code):
    user = UserFactory(username=f"w-{code}")
    membership_set(user=user, department=Department.objects.get(code=code))
    return user


def submit(business, user, services, answers, **extra):
    return case_submit(
        business=business,
        channel=extra.pop("channel", "digital"),
        services=services,
        answers=answers,
        description="Test",
        submitted_by=user,
        **extra,
    )


def decide_all(case, outcome=APPROVE):
    for task in case.tasks.filter(kind=TaskKind.DECISION).select_related("department"):
        task_decide(task=task, by=worker(task.department.code), **outcome)


def test_self_service_case_is_decided_by_one_department_and_closed(
    catalogue, business, business_user, django_capture_on_commit_callbacks
):
    case = submit(business, business_user, ["outdoor_serving"], OUTDOOR)
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
    assert nodes == ["start", "route", "departments", "department_task", "join", "close", "end"]


def test_event_goes_to_three_departments_and_waits_for_every_one(
    catalogue, business, business_user
):
    case = submit(business, business_user, ["event_public_space"], SMALL_EVENT)
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
    case = submit(business, business_user, ["outdoor_serving"], OUTDOOR)
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
    case = submit(business, business_user, ["sign_rules"], {})
    task = case.tasks.get()
    assert task.kind == TaskKind.IMMEDIATE_ANSWER and task.department.code == "kes"
    kes_task_complete(task=task, by=kes_user, topic="Skilte", answer="Se reglerne")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.immediate_answer.text == "Se reglerne"


def test_pilot_case_waits_for_kes_then_goes_to_departments(
    catalogue, business, business_user, kes_user
):
    case = submit(business, business_user, ["event_public_space"], CONCERT)
    assert case.track == "pilot"
    task = case.tasks.get()
    assert task.kind == TaskKind.ASSIGN_PILOT
    kes_task_complete(task=task, by=kes_user, note="Peter tager den")
    assert case.tasks.filter(kind=TaskKind.DECISION).count() == 4
    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_caseworker_of_another_department_may_not_decide(catalogue, business, business_user):
    case = submit(business, business_user, ["outdoor_serving"], OUTDOOR)
    with pytest.raises(PermissionDenied):
        task_decide(task=case.tasks.get(), by=worker("parking"), **APPROVE)
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.DECIDED).exists()
    assert DepartmentTask.objects.get(case=case).status == TaskStatus.OPEN


def test_assisted_case_records_who_helped_and_is_decided_by_the_departments(
    catalogue, business, kes_user
):
    case = submit(business, kes_user, ["outdoor_serving"], OUTDOOR, channel="phone")
    assert case.track == "assisted" and case.assisted_by == kes_user
    assert case.tasks.get().department.code == "city_use"
    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


PLOT = {"buy_municipal_plot": {"plot_reference": "Nordhavn 12a", "new_local_plan_needed": False}}


def test_star_meeting_case_waits_for_triage_then_goes_to_departments(catalogue, business, kes_user):
    case = submit(business, kes_user, ["buy_municipal_plot"], PLOT, channel="counter")
    assert case.track == "star_meeting"
    triage = case.tasks.get()
    assert (triage.kind, triage.department.code) == (TaskKind.TRIAGE, "kes")
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    kes_task_complete(task=triage, by=kes_user, note="Mødet holdes")
    departments = sorted(
        case.tasks.filter(kind=TaskKind.DECISION).values_list("department__code", flat=True)
    )
    assert departments == ["building", "environment", "properties", "traffic"]
    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.letters.filter(kind=LetterKind.DECISION).count() == 1
