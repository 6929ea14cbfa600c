"""The departments' work pages: queue, my tasks, the task page and its actions."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.constants import Outcome, TaskKind, TaskStatus
from cases.models import Decision, DepartmentTask, InformationRequest
from cases.services import task_assign
from routing.calendar import local_date
from routing.models import Department
from routing.services import membership_set
from tests.cases.helpers import A_SIGN, OUTDOOR, PARKING, SMALL_EVENT, submit_case, worker

CONSTRUCTIVE = {
    "provisions": "Vejlovens § 80.",
    "way_forward": "Et mindre areal.",
    "alternatives": "Pladsen ved siden af.",
    "complaint": "Klag til Vejdirektoratet inden 4 uger.",
}


def submit(business, user, answers, **extra):
    """A case for the services ``answers`` are for; its description shows on the task page."""
    return submit_case(
        business, user, list(answers), answers, description="Borde foran caféen.", **extra
    )


def task_of(case):
    return case.tasks.get()


def today():
    return local_date(timezone.now())


@pytest.fixture
def outdoor_task(catalogue, business, business_user):
    return task_of(submit(business, business_user, OUTDOOR))


@pytest.fixture
def parking_task(catalogue, business, business_user):
    return task_of(submit(business, business_user, PARKING))


# --- queue and inbox -------------------------------------------------------------------


def test_queue_shows_the_departments_unassigned_tasks_only(
    client, caseworker_user, outdoor_task, parking_task, business, business_user
):
    taken = task_of(submit(business, business_user, A_SIGN))
    task_assign(task=taken, assignee=caseworker_user, by=caseworker_user)
    client.force_login(caseworker_user)
    response = client.get("/staff/queue/")
    assert response.status_code == 200
    body = response.content.decode()
    assert outdoor_task.case.reference in body
    assert parking_task.case.reference not in body  # another department's task
    assert taken.case.reference not in body  # already taken
    assert f'action="/staff/tasks/{outdoor_task.pk}/assign/"' in body


def test_queue_is_sorted_by_deadline(
    client, caseworker_user, outdoor_task, business, business_user
):
    sign = task_of(submit(business, business_user, A_SIGN))  # 10 business days, outdoor 20
    client.force_login(caseworker_user)
    body = client.get("/staff/queue/").content.decode()
    assert body.index(sign.case.reference) < body.index(outdoor_task.case.reference)


def test_queue_filters_by_service(client, caseworker_user, outdoor_task, business, business_user):
    sign = task_of(submit(business, business_user, A_SIGN))
    client.force_login(caseworker_user)
    body = client.get("/staff/queue/?service=a_sign").content.decode()
    assert sign.case.reference in body and outdoor_task.case.reference not in body


def test_queue_filters_by_department_for_members_of_several(
    client, caseworker_user, outdoor_task, parking_task
):
    membership_set(user=caseworker_user, department=Department.objects.get(code="parking"))
    client.force_login(caseworker_user)
    body = client.get("/staff/queue/").content.decode()
    assert outdoor_task.case.reference in body and parking_task.case.reference in body
    assert 'name="department"' in body
    body = client.get("/staff/queue/?department=parking").content.decode()
    assert parking_task.case.reference in body and outdoor_task.case.reference not in body


def test_kes_staff_see_kes_tasks_in_the_queue(client, kes_user, catalogue, business, business_user):
    question = task_of(submit(business, business_user, {"sign_rules": {}}))
    assert question.kind == TaskKind.IMMEDIATE_ANSWER
    client.force_login(kes_user)
    body = client.get("/staff/queue/").content.decode()
    assert question.case.reference in body
    assert f'action="/staff/tasks/{question.pk}/assign/"' in body


def test_inbox_shows_my_open_tasks(
    client, caseworker_user, lead_user, outdoor_task, business, business_user
):
    other = task_of(submit(business, business_user, A_SIGN))
    task_assign(task=outdoor_task, assignee=caseworker_user, by=caseworker_user)
    task_assign(task=other, assignee=lead_user, by=lead_user)
    client.force_login(caseworker_user)
    body = client.get("/staff/inbox/").content.decode()
    assert outdoor_task.case.reference in body and other.case.reference not in body


@pytest.mark.parametrize("url", ["/staff/queue/", "/staff/inbox/"])
def test_lists_are_for_caseworkers_and_kes(client, url, manager_user, business_user):
    for user in (manager_user, business_user):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_queue_is_paginated(
    client, caseworker_user, catalogue, business, business_user, monkeypatch
):
    monkeypatch.setattr("cases.views.work.PAGE_SIZE", 2)
    cases = [submit(business, business_user, OUTDOOR) for _ in range(3)]
    client.force_login(caseworker_user)
    first = client.get("/staff/queue/?service=outdoor_serving").content.decode()
    assert 'class="pagination' in first and "page=2" in first and "service=outdoor_serving" in first
    second = client.get("/staff/queue/?service=outdoor_serving&page=2").content.decode()
    assert sum(case.reference in second for case in cases) == 1


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queue_and_inbox_queries_do_not_grow_with_the_rows(
    client, caseworker_user, catalogue, business, business_user
):
    first = task_of(submit(business, business_user, OUTDOOR))
    task_assign(task=first, assignee=caseworker_user, by=caseworker_user)
    submit(business, business_user, A_SIGN)
    client.force_login(caseworker_user)
    one = (_queries(client, "/staff/queue/"), _queries(client, "/staff/inbox/"))
    for _ in range(14):
        task = task_of(submit(business, business_user, OUTDOOR))
        task_assign(task=task, assignee=caseworker_user, by=caseworker_user)
        submit(business, business_user, A_SIGN)
    many = (_queries(client, "/staff/queue/"), _queries(client, "/staff/inbox/"))
    assert DepartmentTask.objects.filter(assignee=caseworker_user).count() == 15
    assert one == many


# --- the task page ---------------------------------------------------------------------


def test_task_page_shows_the_application_and_the_actions(client, caseworker_user, outdoor_task):
    client.force_login(caseworker_user)
    response = client.get(f"/staff/tasks/{outdoor_task.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert outdoor_task.case.reference in body
    assert "Borde foran caféen." in body
    assert f"/staff/tasks/{outdoor_task.pk}/decide/" in body
    assert f"/staff/tasks/{outdoor_task.pk}/request/" in body
    assert f"/staff/tasks/{outdoor_task.pk}/complete/" in body
    assert 'name="assignee"' in body  # take


def test_manager_reads_the_task_page_without_actions(client, manager_user, outdoor_task):
    client.force_login(manager_user)
    body = client.get(f"/staff/tasks/{outdoor_task.pk}/").content.decode()
    assert outdoor_task.case.reference in body
    assert f"/staff/tasks/{outdoor_task.pk}/decide/" not in body
    assert 'name="assignee"' not in body


def _post_urls(task):
    base = f"/staff/tasks/{task.pk}/"
    return [base + tail for tail in ("assign/", "unassign/", "complete/", "request/", "decide/")]


def test_another_departments_member_gets_404_everywhere(client, outdoor_task):
    client.force_login(worker("parking"))
    base = f"/staff/tasks/{outdoor_task.pk}/"
    for url in [base, base + "request/", base + "decide/", base + "kes/"]:
        assert client.get(url).status_code == 404, url
    for url in [*_post_urls(outdoor_task), base + "kes/"]:
        assert (
            client.post(url, {"outcome": Outcome.APPROVED, "statement": "Ja"}).status_code == 404
        ), url
    outdoor_task.refresh_from_db()
    assert outdoor_task.assignee is None and outdoor_task.status == TaskStatus.OPEN


def test_a_caseworker_does_not_open_another_departments_task_on_a_shared_case(
    client, caseworker_user, catalogue, business, business_user
):
    case = submit(business, business_user, SMALL_EVENT)
    traffic = case.tasks.get(department__code="traffic")
    client.force_login(caseworker_user)
    assert (
        client.get(f"/staff/tasks/{case.tasks.get(department__code='city_use').pk}/").status_code
        == 200
    )
    assert client.get(f"/staff/tasks/{traffic.pk}/").status_code == 404


def test_the_manager_gets_403_on_actions(client, manager_user, outdoor_task):
    client.force_login(manager_user)
    for url in _post_urls(outdoor_task):
        assert (
            client.post(url, {"outcome": Outcome.APPROVED, "statement": "Ja"}).status_code == 403
        ), url
    assert client.get(f"/staff/tasks/{outdoor_task.pk}/decide/").status_code == 403
    assert not Decision.objects.exists()


def test_business_user_gets_404_on_the_task(client, business_user, outdoor_task):
    client.force_login(business_user)
    assert client.get(f"/staff/tasks/{outdoor_task.pk}/").status_code == 404


@pytest.mark.parametrize("tail", ["assign/", "unassign/", "complete/"])
def test_post_only_actions_answer_405_to_get(client, caseworker_user, outdoor_task, tail):
    client.force_login(caseworker_user)
    assert client.get(f"/staff/tasks/{outdoor_task.pk}/{tail}").status_code == 405


# --- take, assign, release -------------------------------------------------------------


def test_a_caseworker_takes_a_task(client, caseworker_user, outdoor_task):
    client.force_login(caseworker_user)
    response = client.post(
        f"/staff/tasks/{outdoor_task.pk}/assign/", {"assignee": caseworker_user.pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/staff/tasks/{outdoor_task.pk}/"
    assert "alert-success" in response.content.decode()
    outdoor_task.refresh_from_db()
    assert outdoor_task.assignee == caseworker_user


def test_a_caseworker_may_not_assign_to_others(client, caseworker_user, outdoor_task):
    colleague = worker("city_use")
    client.force_login(caseworker_user)
    response = client.post(f"/staff/tasks/{outdoor_task.pk}/assign/", {"assignee": colleague.pk})
    assert response.status_code == 403
    outdoor_task.refresh_from_db()
    assert outdoor_task.assignee is None


def test_the_lead_assigns_and_reassigns(client, lead_user, caseworker_user, outdoor_task):
    colleague = worker("city_use")
    client.force_login(lead_user)
    page = client.get(f"/staff/tasks/{outdoor_task.pk}/").content.decode()
    assert f'<option value="{colleague.pk}"' in page  # the lead's select of members
    url = f"/staff/tasks/{outdoor_task.pk}/assign/"
    assert client.post(url, {"assignee": caseworker_user.pk}).status_code == 302
    outdoor_task.refresh_from_db()
    assert outdoor_task.assignee == caseworker_user
    assert client.post(url, {"assignee": colleague.pk}).status_code == 302
    outdoor_task.refresh_from_db()
    assert outdoor_task.assignee == colleague


def test_the_lead_cannot_assign_outside_the_department(client, lead_user, outdoor_task):
    client.force_login(lead_user)
    response = client.post(
        f"/staff/tasks/{outdoor_task.pk}/assign/", {"assignee": worker("parking").pk}, follow=True
    )
    assert "alert-error" in response.content.decode()
    outdoor_task.refresh_from_db()
    assert outdoor_task.assignee is None


def test_a_caseworker_releases_their_task(client, caseworker_user, outdoor_task):
    task_assign(task=outdoor_task, assignee=caseworker_user, by=caseworker_user)
    client.force_login(caseworker_user)
    assert client.post(f"/staff/tasks/{outdoor_task.pk}/unassign/").status_code == 302
    outdoor_task.refresh_from_db()
    assert outdoor_task.assignee is None


def test_completeness_check_starts_the_processing(client, caseworker_user, outdoor_task):
    client.force_login(caseworker_user)
    assert client.post(f"/staff/tasks/{outdoor_task.pk}/complete/").status_code == 302
    outdoor_task.refresh_from_db()
    assert outdoor_task.status == TaskStatus.IN_REVIEW
    assert outdoor_task.assignee == caseworker_user
    response = client.post(f"/staff/tasks/{outdoor_task.pk}/complete/", follow=True)
    assert "alert-error" in response.content.decode()  # already made


# --- request information ---------------------------------------------------------------


def test_request_information_form_renders_a_date_picker(client, caseworker_user, outdoor_task):
    client.force_login(caseworker_user)
    body = client.get(f"/staff/tasks/{outdoor_task.pk}/request/").content.decode()
    assert 'class="date-picker"' in body and 'name="due_on"' in body
    assert 'data-maxlength="5000"' in body


@pytest.mark.parametrize("due_on", ["past", "31/02/2026", "soon"])
def test_request_information_with_a_bad_date_stores_nothing(
    client, caseworker_user, outdoor_task, due_on
):
    if due_on == "past":
        due_on = (today() - timedelta(days=1)).isoformat()
    client.force_login(caseworker_user)
    response = client.post(
        f"/staff/tasks/{outdoor_task.pk}/request/", {"text": "Send en tegning", "due_on": due_on}
    )
    assert response.status_code == 200
    assert "form-error-message" in response.content.decode()
    assert response.context["form"].errors["due_on"]
    assert not InformationRequest.objects.exists()
    outdoor_task.refresh_from_db()
    assert outdoor_task.status == TaskStatus.OPEN


def test_a_valid_request_makes_the_task_wait(client, caseworker_user, outdoor_task):
    client.force_login(caseworker_user)
    due = today() + timedelta(days=10)
    response = client.post(
        f"/staff/tasks/{outdoor_task.pk}/request/",
        {"text": "Send en målfast tegning", "due_on": due.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    outdoor_task.refresh_from_db()
    assert outdoor_task.status == TaskStatus.WAITING
    request = InformationRequest.objects.get(task=outdoor_task)
    assert request.due_on == due and request.text == "Send en målfast tegning"
    body = client.get(f"/staff/tasks/{outdoor_task.pk}/").content.decode()
    assert "Send en målfast tegning" in body
    assert f"/staff/tasks/{outdoor_task.pk}/decide/" not in body  # not while waiting


# --- decide ----------------------------------------------------------------------------


def test_a_rejection_without_the_constructive_parts_is_refused(
    client, caseworker_user, outdoor_task
):
    client.force_login(caseworker_user)
    response = client.post(
        f"/staff/tasks/{outdoor_task.pk}/decide/",
        {"outcome": Outcome.REJECTED, "statement": "Nej"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"provisions", "way_forward", "alternatives", "complaint"}
    assert response.content.decode().count("form-error-message") == 4
    assert not Decision.objects.exists()
    outdoor_task.refresh_from_db()
    assert outdoor_task.status == TaskStatus.OPEN


def test_the_decide_form_explains_the_good_no(client, caseworker_user, outdoor_task):
    client.force_login(caseworker_user)
    body = client.get(f"/staff/tasks/{outdoor_task.pk}/decide/").content.decode()
    assert "<fieldset" in body and 'name="outcome"' in body and 'name="way_forward"' in body


def test_a_constructive_rejection_is_recorded(client, caseworker_user, outdoor_task):
    client.force_login(caseworker_user)
    url = f"/staff/tasks/{outdoor_task.pk}/decide/"
    preview = client.post(url, {"outcome": Outcome.REJECTED, "statement": "Nej", **CONSTRUCTIVE})
    assert preview.status_code == 200 and not Decision.objects.exists()
    response = client.post(url, {"draft": preview.context["draft"], "confirm": "1"})
    assert response.status_code == 302
    decision = Decision.objects.get(task=outdoor_task)
    assert decision.outcome == Outcome.REJECTED and decision.way_forward == "Et mindre areal."
    outdoor_task.refresh_from_db()
    assert outdoor_task.status == TaskStatus.DONE
    body = client.get(f"/staff/tasks/{outdoor_task.pk}/").content.decode()
    assert "Et mindre areal." in body
    # A decided task offers nothing more, and its forms send the user back.
    assert client.get(f"/staff/tasks/{outdoor_task.pk}/decide/").status_code == 302


# --- KES's own tasks -------------------------------------------------------------------


def test_kes_staff_answer_an_immediate_question(
    client, kes_user, catalogue, business, business_user
):
    task = task_of(submit(business, business_user, {"sign_rules": {}}))
    client.force_login(kes_user)
    page = client.get(f"/staff/tasks/{task.pk}/").content.decode()
    assert f'action="/staff/tasks/{task.pk}/kes/"' in page and 'name="answer"' in page
    response = client.post(f"/staff/tasks/{task.pk}/kes/", {"topic": "Skilte", "answer": ""})
    assert response.status_code == 200 and response.context["form"].errors["answer"]
    response = client.post(
        f"/staff/tasks/{task.pk}/kes/", {"topic": "Skilte", "answer": "Se reglerne"}
    )
    assert response.status_code == 302
    task.case.refresh_from_db()
    assert task.case.immediate_answer.text == "Se reglerne"


def test_kes_form_is_not_for_department_tasks(client, caseworker_user, outdoor_task):
    client.force_login(caseworker_user)
    assert client.get(f"/staff/tasks/{outdoor_task.pk}/kes/").status_code == 403


# --- language --------------------------------------------------------------------------


def test_pages_render_in_english(client, caseworker_user, outdoor_task):
    client.force_login(caseworker_user)
    pages = {
        "/en/staff/queue/": "<h1>My department's queue</h1>",
        "/en/staff/inbox/": "<h1>My tasks</h1>",
        f"/en/staff/tasks/{outdoor_task.pk}/": "<h2>The application</h2>",
        f"/en/staff/tasks/{outdoor_task.pk}/request/": "<h1>Request information</h1>",
        f"/en/staff/tasks/{outdoor_task.pk}/decide/": "<h1>Decide</h1>",
    }
    for url, heading in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert heading in response.content.decode(), url
        assert '<html lang="en">' in response.content.decode()
