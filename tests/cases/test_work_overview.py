"""The staff overview at /staff/: where staff land after login, and their work in numbers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import DepartmentTask
from cases.services import task_assign, task_request_information
from kes.constants import Role
from routing.calendar import local_date
from routing.services import user_roles_grant
from tests.cases.helpers import A_SIGN, OUTDOOR, PARKING, submit_case
from tests.factories import PASSWORD, UserFactory


def _figures(response) -> dict[str, int]:
    return {figure["key"]: figure["count"] for figure in response.context["figures"]}


@pytest.fixture
def work(catalogue, business, business_user, caseworker_user):
    """City Use: two tasks of the caseworker's (one waiting for the business, one due
    soon), one overdue, two in the queue; and one task of another department."""
    today = local_date(timezone.now())
    tasks = [
        submit_case(business, business_user, list(answers), answers).tasks.get()
        for answers in (OUTDOOR, A_SIGN, OUTDOOR, A_SIGN, OUTDOOR, PARKING)
    ]
    waiting, due_soon, overdue = tasks[:3]
    for task in (waiting, due_soon, overdue):
        task_assign(task=task, assignee=caseworker_user, by=caseworker_user)
    task_request_information(
        task=waiting, by=caseworker_user, text="Tegning", due_on=today + timedelta(days=7)
    )
    DepartmentTask.objects.filter(pk=due_soon.pk).update(
        warning_on=today, deadline=today + timedelta(days=2)
    )
    DepartmentTask.objects.filter(pk=overdue.pk).update(
        warning_on=today - timedelta(days=5), deadline=today - timedelta(days=1)
    )
    return tasks


def test_staff_land_on_the_work_overview_and_businesses_on_their_page(client, db):
    staff = UserFactory(username="anne", language="da")
    user_roles_grant(user=staff, roles=[Role.KES_STAFF])
    response = client.post(reverse("login"), {"username": "anne", "password": PASSWORD})
    assert response["Location"] == "/staff/"
    client.logout()
    UserFactory(username="bo", language="en")
    response = client.post(reverse("login"), {"username": "bo", "password": PASSWORD})
    assert response["Location"] == "/en/account/"


def test_a_caseworker_sees_their_work_in_numbers_with_links(client, caseworker_user, work):
    client.force_login(caseworker_user)
    response = client.get("/staff/")
    assert response.status_code == 200
    assert _figures(response) == {"mine": 3, "due_soon": 1, "overdue": 1, "waiting": 1, "queue": 2}
    body = response.content.decode()
    for url in (
        "/staff/inbox/",
        "/staff/inbox/?deadline=warning",
        "/staff/inbox/?deadline=overdue",
        "/staff/inbox/?deadline=waiting",
        "/staff/queue/",
    ):
        assert f'href="{url}"' in body


def test_each_figure_is_the_count_of_the_list_it_links_to(client, caseworker_user, work):
    client.force_login(caseworker_user)
    figures = client.get("/staff/").context["figures"]
    for figure in figures:
        listed = client.get(figure["url"]).context["page_obj"].paginator.count
        assert listed == figure["count"], figure["key"]


def test_the_waiting_filter_lists_only_tasks_waiting_for_the_business(
    client, caseworker_user, work
):
    client.force_login(caseworker_user)
    page = client.get("/staff/inbox/?deadline=waiting").context["page_obj"]
    assert [task.pk for task in page.object_list] == [work[0].pk]


def test_the_overview_costs_the_same_queries_whatever_the_amount_of_work(
    client, caseworker_user, catalogue, business, business_user
):
    client.force_login(caseworker_user)
    client.get("/staff/")  # the session and the user's roles settle
    with CaptureQueriesContext(connection) as empty:
        client.get("/staff/")
    for _ in range(4):
        task = submit_case(business, business_user).tasks.get()
        task_assign(task=task, assignee=caseworker_user, by=caseworker_user)
        submit_case(business, business_user)
    with CaptureQueriesContext(connection) as busy:
        response = client.get("/staff/")
    assert _figures(response)["mine"] == 4 and _figures(response)["queue"] == 4
    assert len(busy) == len(empty)


@pytest.mark.parametrize("fixture", ["manager_user", "triage_user", "advisor_user"])
def test_staff_without_tasks_see_their_roles_without_figures(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get("/en/staff/")
    assert response.status_code == 200
    assert response.context["figures"] == []
    assert "Your roles" in response.content.decode()


def test_kes_staff_count_the_kes_queue(client, kes_user, catalogue, business, business_user):
    submit_case(business, business_user, ["sign_rules"], {"sign_rules": {}})
    client.force_login(kes_user)
    assert _figures(client.get("/staff/"))["queue"] == 1
