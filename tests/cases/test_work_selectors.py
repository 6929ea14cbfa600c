"""Reads behind the work pages: queue, inbox, who may open a task, who a lead assigns to."""

import pytest
from django.http import Http404

from cases.constants import TaskKind
from cases.models import DepartmentTask
from cases.selectors.work import (
    department_members,
    department_queue,
    queue_departments,
    services_of_tasks,
    task_for_page,
    task_inbox,
    tasks_visible_to,
)
from cases.services import kes_task_complete, task_assign
from routing.models import Department
from routing.services import membership_set
from tests.cases.helpers import A_SIGN, CONCERT, OUTDOOR, PARKING, SMALL_EVENT, submit_case, worker


def submit(business, user, answers):
    return submit_case(business, user, list(answers), answers)


@pytest.fixture
def submit_one(catalogue, business, business_user):
    def make(answers):
        return submit(business, business_user, answers).tasks.get()

    return make


def refs(tasks):
    return [task.case.reference for task in tasks]


def test_the_queue_holds_the_departments_untaken_open_tasks(caseworker_user, submit_one):
    outdoor = submit_one(OUTDOOR)
    parking = submit_one(PARKING)
    taken = submit_one(A_SIGN)
    task_assign(task=taken, assignee=caseworker_user, by=caseworker_user)
    queue = list(department_queue(caseworker_user))
    assert queue == [outdoor]
    assert parking not in queue
    assert list(department_queue(worker("parking"))) == [parking]


def test_the_queue_is_sorted_by_deadline_with_the_undated_last(kes_user, submit_one):
    pilot = submit_one(CONCERT)  # assign a pilot: no target, no deadline
    question = submit_one({"sign_rules": {}})  # one business day
    assert pilot.kind == TaskKind.ASSIGN_PILOT and pilot.deadline is None
    assert list(department_queue(kes_user)) == [question, pilot]


def test_the_queue_sorts_the_soonest_deadline_first(caseworker_user, submit_one):
    outdoor = submit_one(OUTDOOR)  # 20 business days
    sign = submit_one(A_SIGN)  # 10 business days
    assert list(department_queue(caseworker_user)) == [sign, outdoor]


def test_kes_staff_see_the_kes_queue_only(kes_user, submit_one):
    question = submit_one({"sign_rules": {}})
    submit_one(OUTDOOR)
    assert [d.code for d in queue_departments(kes_user)] == ["kes"]
    assert list(department_queue(kes_user)) == [question]


def test_filters_choose_a_department_and_a_service(caseworker_user, submit_one):
    membership_set(user=caseworker_user, department=Department.objects.get(code="parking"))
    outdoor, sign, parking = submit_one(OUTDOOR), submit_one(A_SIGN), submit_one(PARKING)
    assert set(department_queue(caseworker_user)) == {outdoor, sign, parking}
    assert list(department_queue(caseworker_user, department_code="parking")) == [parking]
    assert list(department_queue(caseworker_user, service_code="a_sign")) == [sign]
    # A department the user does not work in shows nothing, not that department's tasks.
    assert not department_queue(caseworker_user, department_code="building").exists()
    services = services_of_tasks(department_queue(caseworker_user, department_code="city_use"))
    assert {s.code for s in services} == {"outdoor_serving", "a_sign"}


def test_the_inbox_holds_my_open_tasks(caseworker_user, lead_user, kes_user, submit_one):
    mine, theirs, done = submit_one(OUTDOOR), submit_one(A_SIGN), submit_one({"sign_rules": {}})
    task_assign(task=mine, assignee=caseworker_user, by=caseworker_user)
    task_assign(task=theirs, assignee=lead_user, by=lead_user)
    assert list(task_inbox(caseworker_user)) == [mine]
    assert list(task_inbox(caseworker_user, service_code="a_sign")) == []
    kes_task_complete(task=done, by=kes_user, topic="Skilte", answer="Se reglerne")
    done.refresh_from_db()
    assert done.assignee == kes_user  # handling took it, and being done it leaves the inbox
    assert list(task_inbox(kes_user)) == []


def test_a_caseworker_sees_own_department_tasks_only(
    caseworker_user, manager_user, business_user, catalogue, business
):
    case = submit(business, business_user, SMALL_EVENT)
    city_use = case.tasks.get(department__code="city_use")
    visible = tasks_visible_to(DepartmentTask.objects.all(), caseworker_user)
    assert list(visible) == [city_use]
    assert tasks_visible_to(DepartmentTask.objects.all(), manager_user).count() == 3
    assert not tasks_visible_to(DepartmentTask.objects.all(), business_user).exists()


def test_task_for_page_is_404_outside_the_users_departments(caseworker_user, submit_one):
    parking = submit_one(PARKING)
    with pytest.raises(Http404):
        task_for_page(caseworker_user, parking.pk)
    outdoor = submit_one(OUTDOOR)
    assert task_for_page(caseworker_user, outdoor.pk) == outdoor


def test_department_members_are_who_a_lead_assigns_to(lead_user, caseworker_user, kes_user):
    parking_worker = worker("parking")
    city_use = Department.objects.get(code="city_use")
    members = set(department_members(city_use))
    assert members == {lead_user, caseworker_user}
    assert parking_worker not in members
    kes = Department.objects.get(code="kes")
    assert kes_user in set(department_members(kes))


@pytest.mark.parametrize("read", ["queue", "inbox"])
def test_list_queries_do_not_grow_with_the_rows(
    read, caseworker_user, submit_one, django_assert_num_queries
):
    reader = department_queue if read == "queue" else task_inbox

    def load():
        return [
            (t.case.reference, t.case.business.name, t.case_service.service.name)
            + (t.department.name, t.assignee and t.assignee.username)
            for t in reader(caseworker_user)
        ]

    def add(n):
        for _ in range(n):
            task = submit_one(OUTDOOR)
            if read == "inbox":
                task_assign(task=task, assignee=caseworker_user, by=caseworker_user)

    add(1)
    load()  # the user's memberships are cached from here on
    with django_assert_num_queries(1):
        assert len(load()) == 1
    add(14)
    with django_assert_num_queries(1):
        assert len(load()) == 15
