"""The work services one by one: assignment rules, the paused clock, notices, messages."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.constants import EventKind, Outcome, TaskStatus
from cases.models import CaseMessage, DepartmentTask, InformationRequest, InternalNote
from cases.services import (
    business_notify,
    information_answer,
    message_send,
    note_add,
    satisfaction_give,
    task_assign,
    task_decide,
    task_request_information,
    task_unassign,
)
from routing.calendar import add_business_days, deadline, local_date
from routing.constants import MembershipRole
from tests.cases.helpers import OUTDOOR, department_member, submit_case


@pytest.fixture
def task(business, business_user):
    case = submit_case(
        business, business_user, ["outdoor_serving"], OUTDOOR, description="Udeservering"
    )
    return case.tasks.get()


def test_a_caseworker_takes_a_task_but_only_the_lead_hands_it_to_others(task):
    anna, bo = department_member("anna", "city_use"), department_member("bo", "city_use")
    lead = department_member("lead", "city_use", MembershipRole.LEAD)
    task_assign(task=task, assignee=anna, by=anna)
    with pytest.raises(ValidationError) as excinfo:
        task_assign(task=task, assignee=bo, by=bo)  # too late: Anna has it
    assert "assignee" in excinfo.value.message_dict
    with pytest.raises(PermissionDenied):
        task_assign(task=task, assignee=bo, by=anna)
    task_assign(task=task, assignee=bo, by=lead)
    task.refresh_from_db()
    assert task.assignee == bo
    with pytest.raises(ValidationError):
        task_assign(task=task, assignee=department_member("parker", "parking"), by=lead)
    with pytest.raises(PermissionDenied):
        task_unassign(task=task, by=anna)
    task_unassign(task=task, by=bo)
    task.refresh_from_db()
    assert task.assignee is None
    kinds = list(task.case.events.values_list("kind", flat=True))
    assert kinds.count(EventKind.TASK_ASSIGNED) == 2 and EventKind.TASK_UNASSIGNED in kinds


@pytest.mark.parametrize(
    ("due", "field"),
    [(None, "due_on"), (0, "due_on"), (-3, "due_on"), (91, "due_on")],
)
def test_a_request_needs_a_due_date_after_today_and_within_90_days(task, due, field):
    due_on = None if due is None else local_date(timezone.now()) + timedelta(days=due)
    with pytest.raises(ValidationError) as excinfo:
        task_request_information(
            task=task, by=department_member("anna", "city_use"), text="Tegning", due_on=due_on
        )
    assert field in excinfo.value.message_dict
    assert not InformationRequest.objects.exists()
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN and task.paused_since is None


def test_the_business_is_notified_once_of_a_request(
    task, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = task_request_information(
            task=task,
            by=department_member("anna", "city_use"),
            text="Send en tegning af arealet",
            due_on=local_date(timezone.now()) + timedelta(days=7),
        )
    # The case was submitted outside the captured commit: its receipt is not in the outbox.
    assert len(mailoutbox) == 1
    assert "Send en tegning af arealet" in mailoutbox[0].body
    assert task.case.reference in mailoutbox[0].subject
    assert business_notify(model=type(request), pk=request.pk) is False


def test_a_pause_moves_the_deadline_by_the_business_days_it_lasted(task, business_user):
    anna = department_member("anna", "city_use")
    request = task_request_information(
        task=task,
        by=anna,
        text="Tegning",
        due_on=local_date(timezone.now()) + timedelta(days=7),
    )
    today = local_date(timezone.now())
    started = today - timedelta(days=14)  # two weeks: 10 business days unless holidays
    DepartmentTask.objects.filter(pk=task.pk).update(paused_since=started)
    information_answer(request=request, by=business_user, text="Her er tegningen")
    task.refresh_from_db()
    paused = 0
    day = started
    while day < today:
        day = add_business_days(day, 1)
        paused += day <= today
    assert task.paused_units == paused > 0
    plain = deadline(task.received_on, task.target_days, task.target_unit)
    assert task.deadline == add_business_days(plain, paused)
    assert task.status == TaskStatus.IN_REVIEW


def test_only_the_business_answers_a_request_and_only_once(task, business_user, kes_user):
    request = task_request_information(
        task=task,
        by=department_member("anna", "city_use"),
        text="Tegning",
        due_on=local_date(timezone.now()) + timedelta(days=7),
    )
    with pytest.raises(PermissionDenied):
        information_answer(request=request, by=kes_user, text="Svar")
    with pytest.raises(ValidationError):
        information_answer(request=request, by=business_user, text="  ")
    information_answer(request=request, by=business_user, text="Svar")
    with pytest.raises(ValidationError):
        information_answer(request=request, by=business_user, text="Igen")
    assert CaseMessage.objects.filter(information_request=request).count() == 1


def test_notes_are_for_staff_who_work_on_the_case(task, manager_user, business_user):
    with pytest.raises(PermissionDenied):
        note_add(case=task.case, by=manager_user, text="Hmm")
    with pytest.raises(PermissionDenied):
        note_add(case=task.case, by=business_user, text="Hmm")
    with pytest.raises(PermissionDenied):
        note_add(case=task.case, by=department_member("parker", "parking"), text="Hmm")
    note_add(case=task.case, by=department_member("anna", "city_use"), text="Ring til ejeren")
    assert InternalNote.objects.get().text == "Ring til ejeren"
    event = task.case.events.get(kind=EventKind.NOTE_ADDED)
    assert "Ring" not in str(event.data) and "Ring" not in event.note


def test_messages_go_both_ways_and_staff_messages_notify_the_business(
    task, business_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = message_send(case=task.case, by=business_user, text="Hvornår hører vi noget?")
        answered = message_send(
            case=task.case, by=department_member("anna", "city_use"), text="I næste uge."
        )
    assert asked.from_business and not answered.from_business
    assert len(mailoutbox) == 1
    assert task.case.reference in mailoutbox[0].subject


def test_satisfaction_only_after_closure_and_once(task, business_user):
    with pytest.raises(ValidationError):
        satisfaction_give(case=task.case, by=business_user, score=5)
    task_decide(
        task=task,
        by=department_member("anna", "city_use"),
        outcome=Outcome.APPROVED,
        statement="Ja",
    )
    task.case.refresh_from_db()
    for bad in (0, 6, "x", None):
        with pytest.raises(ValidationError):
            satisfaction_give(case=task.case, by=business_user, score=bad)
    satisfaction_give(case=task.case, by=business_user, score=4, comment="Hurtigt")
    with pytest.raises(ValidationError):
        satisfaction_give(case=task.case, by=business_user, score=5)


def test_the_relay_sends_decision_letters_whose_enqueue_was_lost(task, mailoutbox):
    from kes.models import Notification
    from kes.tasks import relay_notifications

    # Decided outside a captured commit: the after-commit enqueue never ran.
    task_decide(
        task=task,
        by=department_member("anna", "city_use"),
        outcome=Outcome.APPROVED,
        statement="Ja",
    )
    assert relay_notifications() == 0  # too young
    letters = Notification.objects.filter(kind="cases.decision_letter")
    letters.update(next_attempt_at=timezone.now())
    assert relay_notifications() == 1
    assert task.case.letters.get(kind="decision").sent_at is not None
    assert len(mailoutbox) == 1
    assert letters.get().state == "sent"
    assert relay_notifications() == 0
