"""The staff case page shows the latest messages and internal notes, their own pages list them
all (issue 12: the case page costs the same with a long history as with a short one)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from cases.constants import EventKind
from cases.models import CaseDocument, CaseEvent, CaseMessage, InternalNote
from cases.selectors.staff_case import LATEST_MESSAGES, LATEST_NOTES, LIST_PAGE_SIZE
from cases.services import information_answer, message_send, note_add, task_request_information
from routing.calendar import local_date
from tests.browser import assert_no_axe_violations, login, screenshot
from tests.cases.helpers import OUTDOOR, submit_case, worker
from tests.factories import load_shipped_catalogue, upload


@pytest.fixture
def case(catalogue, business, business_user):
    return submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)


def url(case, name="staff_case_detail"):
    return reverse(name, kwargs={"reference": case.reference})


def _messages(case, author, count, *, start):
    """``count`` messages on ``case``, one a minute up to ``start``; oldest first."""
    return CaseMessage.objects.bulk_create(
        CaseMessage(
            case=case,
            author=author,
            from_business=False,
            text=f"Besked {number}",
            created_at=start - timedelta(minutes=count - number),
        )
        for number in range(count)
    )


def _notes(case, author, count, *, start):
    return InternalNote.objects.bulk_create(
        InternalNote(
            case=case,
            author=author,
            text=f"Note {number}",
            created_at=start - timedelta(minutes=count - number),
        )
        for number in range(count)
    )


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_the_case_page_shows_the_latest_messages_and_notes_and_links_to_all(client, kes_user, case):
    start = timezone.now() - timedelta(hours=1)
    messages = _messages(case, kes_user, LATEST_MESSAGES + 15, start=start)
    notes = _notes(case, kes_user, LATEST_NOTES + 7, start=start)
    client.force_login(kes_user)
    response = client.get(url(case))
    page = response.context["page"]
    assert [m.pk for m in page.messages] == [m.pk for m in messages[-LATEST_MESSAGES:]]
    assert [n.pk for n in page.notes] == [n.pk for n in notes[-LATEST_NOTES:]]
    assert (page.message_count, page.note_count) == (len(messages), len(notes))
    content = response.content.decode()
    assert f"Besked {len(messages) - 1}" in content and "Besked 0<" not in content
    assert f'href="{url(case, "staff_case_messages")}"' in content
    assert f'href="{url(case, "staff_case_notes")}"' in content
    english = client.get("/en" + url(case)).content.decode()
    assert f"Show all messages ({len(messages)} messages)" in english
    assert f"Show all internal notes ({len(notes)} notes)" in english
    assert f"The latest {LATEST_MESSAGES} messages, oldest first." in english


def test_a_short_history_is_shown_whole_without_the_links(client, kes_user, case):
    message_send(case=case, by=kes_user, text="Hej", files=[upload("pdf", "plan.pdf")])
    note_add(case=case, by=kes_user, text="Ring op")
    client.force_login(kes_user)
    response = client.get("/en" + url(case))
    page = response.context["page"]
    assert [m.text for m in page.messages] == ["Hej"]
    assert [d.original_name for d in page.messages[0].attached] == ["plan.pdf"]
    assert page.documents == []  # a message's document is shown with the message
    content = response.content.decode()
    assert "plan.pdf" in content and "Ring op" in content
    assert "Show all messages" not in content and "Show all internal notes" not in content


def test_an_old_answer_to_a_request_stays_under_its_request(client, kes_user, business_user, case):
    task = case.tasks.get()
    request = task_request_information(
        task=task,
        by=worker("city_use"),
        text="Send a site plan please",
        due_on=local_date(timezone.now()) + timedelta(days=10),
    )
    answer = information_answer(
        request=request, by=business_user, text="Here is the plan", files=[upload("pdf")]
    )
    CaseMessage.objects.filter(pk=answer.pk).update(created_at=timezone.now() - timedelta(days=9))
    _messages(case, kes_user, LATEST_MESSAGES + 3, start=timezone.now())
    client.force_login(kes_user)
    response = client.get(url(case))
    page = response.context["page"]
    assert answer.pk not in [m.pk for m in page.messages]  # not among the latest
    (shown,) = page.tasks[0].requests
    assert [m.pk for m in shown.answer_messages] == [answer.pk]
    assert len(shown.answer_messages[0].attached) == 1
    assert "Here is the plan" in response.content.decode()


def test_the_case_page_and_the_list_pages_cost_the_same_for_a_short_and_a_long_history(
    client, kes_user, case
):
    client.force_login(kes_user)
    paths = [url(case), url(case, "staff_case_messages"), url(case, "staff_case_notes")]
    message_send(case=case, by=kes_user, text="Hej", files=[upload("pdf")])
    note_add(case=case, by=kes_user, text="Note")
    short = [_queries(client, path) for path in paths]
    start = timezone.now() - timedelta(hours=1)
    for message in _messages(case, kes_user, 3 * LIST_PAGE_SIZE, start=start)[::10]:
        CaseDocument.objects.create(
            case=case,
            message=message,
            file="x.pdf",
            original_name="x.pdf",
            size=1,
            uploaded_by=kes_user,
        )
    _notes(case, kes_user, 3 * LIST_PAGE_SIZE, start=start)
    long = [_queries(client, path) for path in paths]
    assert long == short
    assert _queries(client, paths[1] + "?page=2") == short[1]


def test_the_list_pages_page_through_everything_oldest_first(client, kes_user, case):
    start = timezone.now() - timedelta(hours=1)
    messages = _messages(case, kes_user, LIST_PAGE_SIZE + 5, start=start)
    notes = _notes(case, kes_user, LIST_PAGE_SIZE + 2, start=start)
    client.force_login(kes_user)
    first = client.get(url(case, "staff_case_messages")).context["page"]
    assert [m.pk for m in first.object_list] == [m.pk for m in messages[:LIST_PAGE_SIZE]]
    second = client.get(url(case, "staff_case_messages") + "?page=2").context["page"]
    assert [m.pk for m in second.object_list] == [m.pk for m in messages[LIST_PAGE_SIZE:]]
    response = client.get(url(case, "staff_case_notes") + "?page=99")  # past the end: the last
    assert [n.pk for n in response.context["page"].object_list] == [
        n.pk for n in notes[LIST_PAGE_SIZE:]
    ]
    assert 'class="pagination' in response.content.decode()
    assert client.get(url(case, "staff_case_notes") + "?page=x").context["page"].number == 1
    # Reading them is looking at the case: recorded like the case page.
    assert CaseEvent.objects.filter(case=case, kind=EventKind.CASE_VIEWED).count() == 4


@pytest.mark.parametrize("name", ["staff_case_messages", "staff_case_notes"])
def test_the_list_pages_are_for_the_staff_who_see_the_case(
    client, case, name, business_user, outsider_user, caseworker_user, manager_user
):
    path = url(case, name)
    response = client.get(path)
    assert response.status_code == 302 and "/login/" in response["Location"]
    for user in (business_user, outsider_user, worker("parking")):
        client.force_login(user)
        assert client.get(path).status_code == 404, user
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.CASE_VIEWED).exists()
    for user in (caseworker_user, manager_user):
        client.force_login(user)
        assert client.get(path).status_code == 200, user
    assert client.get(reverse(name, args=["KES-2026-999999"])).status_code == 404
    assert client.post(path).status_code == 405


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(
    ("name", "title", "crumb"),
    [
        ("staff_case_messages", "Messages on case %(reference)s", "Messages"),
        ("staff_case_notes", "Internal notes on case %(reference)s", "Internal notes"),
    ],
)
def test_the_list_pages_in_both_languages(client, kes_user, case, lang, name, title, crumb):
    message_send(case=case, by=kes_user, text="Hej", files=())
    note_add(case=case, by=kes_user, text="Ring op")
    client.force_login(kes_user)
    prefix = "" if lang == "da" else "/en"
    content = client.get(prefix + url(case, name)).content.decode()
    with translation.override(lang):
        heading = gettext(title) % {"reference": case.reference}
        crumbs = [gettext(text) for text in ("Staff overview", "Cases", crumb)]
        back = gettext("Back to the case")
    assert f'<html lang="{lang}">' in content
    assert f"<h1>{heading}</h1>" in content and f"<title>{heading}" in content
    for text in (*crumbs, back, f'href="{url(case)}">{case.reference}</a>'):
        assert text in content, text
    assert "Hej" in content if name == "staff_case_messages" else "Ring op" in content


# --- in a browser -------------------------------------------------------------------------


@pytest.fixture
def committed_catalogue(db):
    load_shipped_catalogue()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_message_and_note_pages_pass_axe(
    page, lang, committed_catalogue, business_user, kes_user, monkeypatch
):
    monkeypatch.setattr("cases.selectors.staff_case.LIST_PAGE_SIZE", 2)  # pagination shows
    monkeypatch.setattr("cases.selectors.staff_case.LATEST_MESSAGES", 2)
    monkeypatch.setattr("cases.selectors.staff_case.LATEST_NOTES", 2)
    case = submit_case(business_user.businesses.get(), business_user, ["outdoor_serving"], OUTDOOR)
    message_send(case=case, by=kes_user, text="Hej", files=[upload("pdf", "plan.pdf")])
    start = timezone.now() + timedelta(minutes=5)
    _messages(case, kes_user, 3, start=start)
    _notes(case, kes_user, 4, start=start)
    prefix = "" if lang == "da" else "/en"
    login(page, lang, kes_user.username, "/account/")

    page.goto(f"{prefix}{url(case)}")  # the latest only, with the links to all
    assert_no_axe_violations(page)
    screenshot(page, f"staff-case-latest-messages-{lang}")
    page.locator(f"a[href='{prefix}{url(case, 'staff_case_messages')}']").click()
    page.wait_for_url(f"**{url(case, 'staff_case_messages')}")
    assert page.locator("article").count() == 2
    assert_no_axe_violations(page)
    screenshot(page, f"staff-case-messages-{lang}")

    page.goto(f"{prefix}{url(case)}")
    page.locator(f"a[href='{prefix}{url(case, 'staff_case_notes')}']").click()
    page.wait_for_url(f"**{url(case, 'staff_case_notes')}")
    page.locator("nav.pagination a.button-next").click()
    page.wait_for_load_state()
    assert "page=2" in page.url
    assert_no_axe_violations(page)
    screenshot(page, f"staff-case-notes-{lang}")
