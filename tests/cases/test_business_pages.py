"""The business's own case pages ("Mine sager"): what a business sees of its cases, what
it may do on them, and that nothing staff keep to themselves ever reaches it."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cases.constants import (
    BUSINESS_TIMELINE_EVENTS,
    CaseStatus,
    LetterKind,
    TaskKind,
    TaskStatus,
)
from cases.models import CaseDocument, CaseMessage, InformationRequest, Letter, Satisfaction
from cases.services import (
    case_viewed,
    information_answer,
    message_send,
    note_add,
    task_assign,
    task_request_information,
)
from routing.calendar import local_date
from tests.cases.helpers import decide_all, submit_case, worker
from tests.factories import upload

NOTE = "Ring til ejeren – SKJULT-NOTE-4711"


def ask(case, text="Send a scaled drawing of the tables"):
    task = case.tasks.select_related("department").get(kind=TaskKind.DECISION)
    return task_request_information(
        task=task,
        by=worker(task.department.code),
        text=text,
        due_on=local_date(timezone.now()) + timedelta(days=10),
    )


def page_url(case, lang=""):
    return f"{lang}/my/cases/{case.reference}/"


@pytest.fixture
def case(catalogue, business, business_user):
    return submit_case(business, business_user)


@pytest.fixture
def other_case(catalogue, other_business_user):
    return submit_case(other_business_user.businesses.get(), other_business_user)


# --- the list --------------------------------------------------------------------------


def test_the_list_shows_own_cases_only(client, business_user, case, other_case):
    client.force_login(business_user)
    response = client.get("/my/cases/")
    assert response.status_code == 200
    html = response.content.decode()
    assert case.reference in html and page_url(case) in html
    assert other_case.reference not in html


def test_the_list_marks_a_case_waiting_for_the_business(client, business_user, case):
    ask(case)
    client.force_login(business_user)
    html = client.get("/en/my/cases/").content.decode()
    assert "Action needed" in html
    assert "Outdoor serving" in html or case.services.get().service.name_en in html


def test_the_list_is_for_business_users_only(client, kes_user, catalogue):
    client.force_login(kes_user)
    assert client.get("/my/cases/").status_code == 403


def test_anonymous_is_sent_to_login(client, case):
    for url in ("/my/cases/", page_url(case)):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/my/cases/").status_code == 200
    return len(queries)


def test_the_list_takes_the_same_number_of_queries_for_1_and_15_cases(
    client, business, business_user, case
):
    client.force_login(business_user)
    ask(case)
    one = _list_queries(client)
    for _ in range(14):
        submit_case(business, business_user)
    fifteen = _list_queries(client)
    assert one == fifteen


def test_the_list_is_paginated_newest_first(client, business, business_user, case):
    for _ in range(20):
        submit_case(business, business_user)
    client.force_login(business_user)
    first = client.get("/my/cases/")
    assert len(first.context["page"].object_list) == 20
    newest = business.cases.order_by("-received_at", "-pk").first()
    assert first.context["page"].object_list[0] == newest
    second = client.get("/my/cases/?page=2")
    assert [c.pk for c in second.context["page"].object_list] == [case.pk]


# --- who may see a case ----------------------------------------------------------------


def test_another_business_gets_404_on_the_case_page_and_every_post(
    client, case, other_business_user
):
    request = ask(case)
    client.force_login(other_business_user)
    reference = case.reference
    assert client.get(page_url(case)).status_code == 404
    assert client.post(f"/my/cases/{reference}/messages/", {"text": "Hej"}).status_code == 404
    answer_url = f"/my/cases/{reference}/requests/{request.pk}/answer/"
    assert client.get(answer_url).status_code == 404
    assert client.post(answer_url, {"text": "Her"}).status_code == 404
    satisfaction = client.post(f"/my/cases/{reference}/satisfaction/", {"score": "5"})
    assert satisfaction.status_code == 404
    assert not CaseMessage.objects.filter(case=case).exists()
    request.refresh_from_db()
    assert request.answered_at is None


def test_a_request_of_another_case_is_404(client, business, business_user, case):
    second = submit_case(business, business_user)
    request = ask(second)
    client.force_login(business_user)
    assert (
        client.get(f"/my/cases/{case.reference}/requests/{request.pk}/answer/").status_code == 404
    )


@pytest.mark.parametrize("who", ["kes_user", "caseworker_user"])
def test_staff_get_404_on_the_business_case_page(request, client, case, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(page_url(case)).status_code == 404


# --- what the case page shows -----------------------------------------------------------


def test_internal_notes_and_staff_events_never_show(
    client, business_user, case, caseworker_user, kes_user
):
    task = case.tasks.get(kind=TaskKind.DECISION)
    note_add(case=case, by=caseworker_user, text=NOTE, task=task)
    case_viewed(case=case, by=kes_user)
    task_assign(task=task, assignee=caseworker_user, by=caseworker_user)
    client.force_login(business_user)
    response = client.get(page_url(case, "/en"))
    html = response.content.decode()
    assert NOTE not in html and "SKJULT-NOTE" not in html
    assert "Internal note" not in html and "Case viewed by staff" not in html
    assert "Task assigned" not in html
    assert {entry.kind for entry in response.context["timeline"]} <= set(BUSINESS_TIMELINE_EVENTS)


def test_the_timeline_shows_received_routed_and_decided(client, business_user, case):
    decide_all(case)
    client.force_login(business_user)
    html = client.get(page_url(case, "/en")).content.decode()
    assert "We received your application." in html
    assert "sent to the departments that decide: Centre for City Use." in html
    assert "Centre for City Use decided: approved" in html
    assert "Your case was closed" in html


def test_the_page_shows_tasks_requests_and_who_helped(
    client, catalogue, business, business_user, kes_user
):
    kes_user.first_name, kes_user.last_name = "Karen", "Hjælpsom"
    kes_user.save()
    case = submit_case(business, kes_user, channel="counter")
    request = ask(case, text="Vi mangler en målfast tegning")
    client.force_login(business_user)
    html = client.get(page_url(case, "/en")).content.decode()
    assert "Karen Hjælpsom from Copenhagen Business Service helped you apply." in html
    assert "Vi mangler en målfast tegning" in html
    assert f"/en/my/cases/{case.reference}/requests/{request.pk}/answer/" in html
    assert "Paused while we wait for you" in html


def test_the_english_page_is_in_english(client, business_user, case):
    client.force_login(business_user)
    html = client.get(page_url(case, "/en")).content.decode()
    assert '<html lang="en">' in html
    assert "What has happened" in html and "Messages" in html
    assert '<html lang="en">' in client.get("/en/my/cases/").content.decode()


def test_letters_with_a_file_are_offered_for_download(client, business_user, case):
    try:
        reverse("case_letter_download", args=[case.reference, 1])
    except NoReverseMatch:
        pytest.skip("case_letter_download is not wired yet")
    letter = Letter.objects.get(case=case, kind=LetterKind.RECEIPT)
    letter.file.save("receipt.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    client.force_login(business_user)
    html = client.get(page_url(case)).content.decode()
    assert reverse("case_letter_download", args=[case.reference, letter.pk]) in html


def _page_queries(client, case):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_url(case)).status_code == 200
    return len(queries)


def _converse(case, business_user, caseworker, rounds):
    for n in range(rounds):
        request = ask(case, text=f"Question {n}")
        information_answer(
            request=request, by=business_user, text=f"Answer {n}", files=[upload("pdf")]
        )
        message_send(case=case, by=business_user, text=f"Hello {n}", files=[upload("png")])
        message_send(case=case, by=caseworker, text=f"Reply {n}")
        note_add(case=case, by=caseworker, text=f"Note {n}")


def test_the_case_page_takes_the_same_number_of_queries_for_few_and_many_events(
    client, business, business_user, caseworker_user
):
    few = submit_case(business, business_user)
    many = submit_case(business, business_user)
    _converse(few, business_user, caseworker_user, 1)
    _converse(many, business_user, caseworker_user, 6)
    client.force_login(business_user)
    assert _page_queries(client, few) == _page_queries(client, many)


# --- what the business does on a case ---------------------------------------------------


def test_a_message_with_files_is_sent_and_its_files_listed(client, business_user, case):
    client.force_login(business_user)
    response = client.post(
        f"/my/cases/{case.reference}/messages/",
        {"text": "Here are the drawings", "files": [upload("pdf"), upload("png")]},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(case)}#messages"
    message = CaseMessage.objects.get(case=case)
    assert message.from_business and message.documents.count() == 2
    html = client.get(response["Location"]).content.decode()
    assert "Here are the drawings" in html
    for document in message.documents.all():
        assert f"/cases/{case.reference}/documents/{document.pk}/" in html


def test_an_exe_is_refused_with_a_message(client, business_user, case):
    documents = CaseDocument.objects.count()
    client.force_login(business_user)
    response = client.post(
        f"/en/my/cases/{case.reference}/messages/",
        {"text": "See the plan", "files": [upload("exe", name="plan.pdf")]},
    )
    assert response.status_code == 200
    errors = response.context["message_form"].errors["files"]
    assert any("plan.pdf" in error and "not an allowed file type" in error for error in errors)
    assert "not an allowed file type" in response.content.decode()
    assert not CaseMessage.objects.filter(case=case).exists()
    assert CaseDocument.objects.count() == documents


def test_an_empty_message_shows_an_error(client, business_user, case):
    client.force_login(business_user)
    response = client.post(f"/my/cases/{case.reference}/messages/", {"text": "  "})
    assert response.status_code == 200
    assert response.context["message_form"].errors["text"]
    assert not CaseMessage.objects.filter(case=case).exists()


def test_answering_a_request_resumes_the_task(client, business_user, case):
    request = ask(case, text="Send a scaled drawing")
    client.force_login(business_user)
    url = f"/en/my/cases/{case.reference}/requests/{request.pk}/answer/"
    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Send a scaled drawing" in html and 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html and "multiple" in html
    response = client.post(url, {"text": "Here it is", "files": [upload("pdf")]})
    assert response.status_code == 302 and response["Location"] == page_url(case, "/en")
    task = request.task
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_REVIEW and task.paused_since is None
    request.refresh_from_db()
    assert request.answered_at is not None
    answer = CaseMessage.objects.get(information_request=request)
    assert answer.documents.count() == 1
    # A second visit to an answered request goes back to the case.
    assert client.get(url).status_code == 302


def test_an_empty_answer_shows_an_error_and_stores_nothing(client, business_user, case):
    request = ask(case)
    client.force_login(business_user)
    url = f"/my/cases/{case.reference}/requests/{request.pk}/answer/"
    response = client.post(url, {"text": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert "form-error-message" in response.content.decode()
    request.refresh_from_db()
    assert request.answered_at is None
    assert not CaseMessage.objects.filter(case=case).exists()
    assert InformationRequest.objects.get(pk=request.pk).task.status == TaskStatus.WAITING


def _satisfaction(client, case, score, comment=""):
    return client.post(
        f"/my/cases/{case.reference}/satisfaction/", {"score": score, "comment": comment}
    )


def test_satisfaction_only_after_closure_and_once(client, business_user, case):
    client.force_login(business_user)
    assert 'name="score"' not in client.get(page_url(case)).content.decode()
    early = _satisfaction(client, case, "5")
    assert early.status_code == 200 and early.context["satisfaction_form"].errors["score"]
    assert not Satisfaction.objects.exists()

    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert 'name="score"' in client.get(page_url(case)).content.decode()
    for bad in ("0", "6", "nine"):
        response = _satisfaction(client, case, bad)
        assert response.status_code == 200
        assert response.context["satisfaction_form"].errors["score"]
    assert not Satisfaction.objects.exists()

    done = _satisfaction(client, case, "4", "Hurtigt og venligt")
    assert done.status_code == 302
    answer = Satisfaction.objects.get(case=case)
    assert (answer.score, answer.comment) == (4, "Hurtigt og venligt")
    html = client.get(page_url(case, "/en")).content.decode()
    assert "Thank you for telling us" in html and 'name="score"' not in html

    again = _satisfaction(client, case, "1")
    assert again.status_code == 200 and again.context["satisfaction_form"].errors["score"]
    assert Satisfaction.objects.get(case=case).score == 4
