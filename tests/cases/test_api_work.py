"""``GET /api/v1/tasks/`` and ``GET|POST /api/v1/cases/<reference>/messages/``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cases import api_work
from cases.constants import Outcome
from cases.models import CaseDocument, CaseMessage, DepartmentTask
from cases.services import message_send, note_add, task_assign, task_decide
from routing.calendar import local_date
from routing.models import Department
from routing.services import membership_set
from tests.cases.helpers import A_SIGN, OUTDOOR, PARKING, submit_case, worker
from tests.factories import upload

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TASKS_URL = "/api/v1/tasks/"
ANSWERS = {**OUTDOOR, **A_SIGN, **PARKING, "sign_rules": {}}


@pytest.fixture
def api():
    return APIClient()


def submit(business, user, *services):
    services = services or ("outdoor_serving",)
    return submit_case(business, user, services, {code: ANSWERS[code] for code in services})


def token_login(api, user):
    """Token authentication: every request loads its user afresh, as in production (a forced
    user would carry its cached roles from one request to the next)."""
    token, _ = Token.objects.get_or_create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")


def messages_url(case):
    return f"/api/v1/cases/{case.reference}/messages/"


# --- GET /api/v1/tasks/ ---


def test_a_caseworker_sees_the_open_tasks_of_their_department(
    api, catalogue, business, business_user, caseworker_user
):
    case = submit(business, business_user)
    task = case.tasks.get()
    task_assign(task=task, assignee=caseworker_user, by=caseworker_user)
    api.force_authenticate(caseworker_user)
    response = api.get(TASKS_URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    assert body["results"] == [
        {
            "id": task.pk,
            "case": case.reference,
            "business": {"cvr": business.cvr, "name": business.name},
            "service": "outdoor_serving",
            "department": "city_use",
            "kind": "decision",
            "status": "open",
            "assignee": "t-caseworker",
            "deadline": task.deadline.isoformat(),
            "received_on": local_date(case.received_at).isoformat(),
        }
    ]


def test_another_departments_tasks_never_show(
    api, catalogue, business, business_user, caseworker_user
):
    mine = submit(business, business_user)
    submit(business, business_user, "trade_parking_permit")
    api.force_authenticate(caseworker_user)
    body = api.get(TASKS_URL).json()
    assert [row["case"] for row in body["results"]] == [mine.reference]
    assert {row["department"] for row in body["results"]} == {"city_use"}


def test_decided_tasks_leave_the_list(api, catalogue, business, business_user, caseworker_user):
    case = submit(business, business_user)
    task_decide(
        task=case.tasks.get(), by=caseworker_user, outcome=Outcome.APPROVED, statement="Ja."
    )
    api.force_authenticate(caseworker_user)
    assert api.get(TASKS_URL).json()["count"] == 0


def test_filters_by_department_and_service(
    api, catalogue, business, business_user, caseworker_user
):
    outdoor = submit(business, business_user)
    sign = submit(business, business_user, "a_sign")
    membership_set(user=caseworker_user, department=Department.objects.get(code="parking"))
    parking = submit(business, business_user, "trade_parking_permit")
    api.force_authenticate(caseworker_user)

    def cases(**params):
        response = api.get(TASKS_URL, params)
        assert response.status_code == 200
        return {row["case"] for row in response.json()["results"]}

    assert cases() == {outdoor.reference, sign.reference, parking.reference}
    assert cases(department="city_use") == {outdoor.reference, sign.reference}
    assert cases(department="parking") == {parking.reference}
    assert cases(service="a_sign") == {sign.reference}
    assert cases(department="parking", service="a_sign") == set()


@pytest.mark.parametrize("code", ["building", "kes", "no-such-department"])
def test_a_department_the_user_is_not_in_is_a_404(api, catalogue, caseworker_user, code):
    api.force_authenticate(caseworker_user)
    response = api.get(TASKS_URL, {"department": code}, **EN)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_kes_staff_see_the_kes_queue(api, catalogue, business, business_user, kes_user):
    question = submit(business, business_user, "sign_rules")
    submit(business, business_user)  # city_use: not KES's
    api.force_authenticate(kes_user)
    rows = api.get(TASKS_URL).json()["results"]
    assert [(row["case"], row["department"], row["kind"], row["service"]) for row in rows] == [
        (question.reference, "kes", "immediate_answer", None)
    ]
    assert api.get(TASKS_URL, {"department": "kes"}).json()["count"] == 1


def test_staff_without_a_department_have_an_empty_queue(api, catalogue, manager_user):
    api.force_authenticate(manager_user)
    response = api.get(TASKS_URL)
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("who", ["business_user", "outsider_user"])
def test_only_staff_have_task_lists(api, catalogue, request, who):
    api.force_authenticate(request.getfixturevalue(who))
    assert api.get(TASKS_URL).status_code == 403


def test_anonymous_users_must_authenticate_for_tasks(api, catalogue):
    assert api.get(TASKS_URL).status_code == 401


def test_tasks_are_paginated(api, catalogue, business, business_user, caseworker_user, monkeypatch):
    assert api_work.TaskPagination.page_size == 50
    monkeypatch.setattr(api_work.TaskPagination, "page_size", 2)
    for _ in range(3):
        submit(business, business_user)
    api.force_authenticate(caseworker_user)
    first = api.get(TASKS_URL).json()
    assert first["count"] == 3 and len(first["results"]) == 2
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert {row["id"] for row in first["results"] + second["results"]} == set(
        DepartmentTask.objects.values_list("pk", flat=True)
    )


def test_task_list_queries_do_not_grow_with_tasks(
    api, catalogue, business, business_user, caseworker_user
):
    token_login(api, caseworker_user)
    task = submit(business, business_user).tasks.get()
    task_assign(task=task, assignee=caseworker_user, by=caseworker_user)
    with CaptureQueriesContext(connection) as one:
        assert api.get(TASKS_URL).json()["count"] == 1
    for _ in range(9):
        task = submit(business, business_user).tasks.get()
        task_assign(task=task, assignee=caseworker_user, by=caseworker_user)
    with CaptureQueriesContext(connection) as ten:
        assert api.get(TASKS_URL).json()["count"] == 10
    assert len(one) == len(ten)


# --- GET|POST /api/v1/cases/<reference>/messages/ ---


def test_the_business_reads_the_messages_of_its_case(
    api, catalogue, business, business_user, caseworker_user
):
    case = submit(business, business_user)
    caseworker_user.first_name, caseworker_user.last_name = "Sara", "Sagsbehandler"
    caseworker_user.save()
    question = message_send(case=case, by=business_user, text="Hvornår hører vi?")
    reply = message_send(
        case=case,
        by=caseworker_user,
        text="Se vedhæftede.",
        files=[upload("pdf", "vilkår.pdf")],
    )
    note_add(case=case, by=caseworker_user, text="Kun til os.")
    document = CaseDocument.objects.get(message=reply)
    api.force_authenticate(business_user)
    response = api.get(messages_url(case))
    assert response.status_code == 200
    download = reverse(
        "case_document_download", kwargs={"reference": case.reference, "document_id": document.pk}
    )
    assert response.json() == [
        {
            "id": question.pk,
            "from_business": True,
            "author": "t-business",
            "text": "Hvornår hører vi?",
            "created_at": timezone.localtime(question.created_at).isoformat(),
            "documents": [],
        },
        {
            "id": reply.pk,
            "from_business": False,
            "author": "Sara Sagsbehandler",
            "text": "Se vedhæftede.",
            "created_at": timezone.localtime(reply.created_at).isoformat(),
            "documents": [
                {"id": document.pk, "name": "vilkår.pdf", "url": f"http://testserver{download}"}
            ],
        },
    ]


@pytest.mark.parametrize("who", ["caseworker_user", "kes_user", "manager_user"])
def test_staff_who_see_the_case_read_its_messages(
    api, catalogue, business, business_user, request, who
):
    case = submit(business, business_user)
    message_send(case=case, by=business_user, text="Hej")
    api.force_authenticate(request.getfixturevalue(who))
    response = api.get(messages_url(case))
    assert response.status_code == 200
    assert [row["text"] for row in response.json()] == ["Hej"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_messages_of_another_business_are_a_404(
    api, catalogue, business, business_user, other_business_user, method
):
    case = submit(business, business_user)
    api.force_authenticate(other_business_user)
    response = getattr(api, method)(messages_url(case), {"text": "Hej"})
    unknown = getattr(api, method)("/api/v1/cases/KES-2026-999999/messages/", {"text": "Hej"})
    assert response.status_code == unknown.status_code == 404
    assert response.json() == unknown.json()
    assert not CaseMessage.objects.exists()


def test_a_caseworker_of_another_department_gets_a_404(api, catalogue, business, business_user):
    case = submit(business, business_user)
    api.force_authenticate(worker("parking"))
    assert api.get(messages_url(case)).status_code == 404


def test_the_business_writes_a_message(api, catalogue, business, business_user):
    case = submit(business, business_user)
    api.force_authenticate(business_user)
    response = api.post(messages_url(case), {"text": "  Vi har et spørgsmål.  "})
    assert response.status_code == 201
    message = CaseMessage.objects.get()
    assert (message.case, message.author, message.from_business) == (case, business_user, True)
    assert message.text == "Vi har et spørgsmål."
    body = response.json()
    assert body["id"] == message.pk and body["from_business"] is True
    assert body["text"] == "Vi har et spørgsmål." and body["documents"] == []


def test_a_caseworker_writes_to_the_business(
    api, catalogue, business, business_user, caseworker_user, django_capture_on_commit_callbacks
):
    case = submit(business, business_user)
    api.force_authenticate(caseworker_user)
    with django_capture_on_commit_callbacks() as callbacks:
        response = api.post(messages_url(case), {"text": "Vi mangler en tegning."})
    assert response.status_code == 201
    assert response.json()["from_business"] is False
    assert CaseMessage.objects.get().author == caseworker_user
    assert callbacks  # the business is told after commit


@pytest.mark.parametrize("who", ["manager_user", "triage_user"])
def test_roles_that_only_read_may_not_write(api, catalogue, business, business_user, request, who):
    case = submit(business, business_user)
    api.force_authenticate(request.getfixturevalue(who))
    assert api.get(messages_url(case)).status_code == 200
    assert api.post(messages_url(case), {"text": "Hej"}).status_code == 403
    assert not CaseMessage.objects.exists()


@pytest.mark.parametrize("body", [{"text": "   "}, {"text": ""}, {}])
def test_an_empty_message_is_a_400_with_the_field_message(
    api, catalogue, business, business_user, body
):
    case = submit(business, business_user)
    api.force_authenticate(business_user)
    response = api.post(messages_url(case), body, **EN)
    assert response.status_code == 400
    assert response.json() == {"text": ["Write a message."]}
    assert not CaseMessage.objects.exists()


def test_a_message_that_is_not_text_is_a_400(api, catalogue, business, business_user):
    case = submit(business, business_user)
    api.force_authenticate(business_user)
    response = api.post(messages_url(case), {"text": ["a", "b"]}, **EN)
    assert response.status_code == 400
    assert set(response.json()) == {"text"}
    assert not CaseMessage.objects.exists()


def test_files_are_not_sent_through_the_api(api, catalogue, business, business_user):
    case = submit(business, business_user)
    api.force_authenticate(business_user)
    response = api.post(
        messages_url(case), {"text": "Hej", "file": upload("pdf")}, format="multipart"
    )
    assert response.status_code == 415
    assert not CaseMessage.objects.exists()


def test_anonymous_users_must_authenticate_for_messages(api, catalogue, business, business_user):
    case = submit(business, business_user)
    assert api.get(messages_url(case)).status_code == 401
    assert api.post(messages_url(case), {"text": "Hej"}).status_code == 401


def test_message_list_queries_do_not_grow_with_messages(
    api, catalogue, business, business_user, caseworker_user
):
    case = submit(business, business_user)
    token_login(api, business_user)
    message_send(case=case, by=caseworker_user, text="0", files=[upload("pdf")])
    with CaptureQueriesContext(connection) as one:
        assert len(api.get(messages_url(case)).json()) == 1
    for number in range(1, 10):
        author = business_user if number % 2 else caseworker_user
        message_send(case=case, by=author, text=str(number), files=[upload("png")])
    with CaptureQueriesContext(connection) as ten:
        assert len(api.get(messages_url(case)).json()) == 10
    assert len(one) == len(ten)
