"""The staff case list and the staff case page: who sees what, what they may write, and
that both pages cost a fixed number of queries."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from cases.constants import BUSINESS_TIMELINE_EVENTS, CaseStatus, EventKind, Outcome
from cases.models import CaseDocument, CaseEvent, CaseMessage, InternalNote
from cases.selectors.staff_case import AUDIT_PAGE_SIZE, TIMELINE_LATEST
from cases.services import (
    case_track_override,
    information_answer,
    message_send,
    note_add,
    task_assign,
    task_decide,
    task_request_information,
)
from routing.calendar import local_date
from tests.browser import assert_no_axe_violations, login, screenshot
from tests.cases.helpers import (
    APPROVE,
    OUTDOOR,
    SMALL_EVENT,
    decide_all,
    submit_case,
    worker,
)
from tests.factories import load_shipped_catalogue, upload

FACADE = {"facade_sign": {"sign_placement": "facade", "illuminated": False}}


@pytest.fixture
def catalogue(db):
    # Per test, not kept per module as conftest.py's is: the browser test needs committed
    # rows, and a module's open transaction would still hold the database when it runs.
    load_shipped_catalogue()


def list_url(**params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("staff_case_list") + (f"?{query}" if query else "")


def detail_url(case, name="staff_case_detail"):
    return reverse(name, kwargs={"reference": case.reference})


def listed(response):
    return [case.reference for case in response.context["page"].object_list]


# --- the list ---------------------------------------------------------------------------


@pytest.fixture
def three_cases(catalogue, business, business_user, other_business_user):
    outdoor = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    other = other_business_user.businesses.get()
    facade = submit_case(other, other_business_user, ["facade_sign"], FACADE)
    decide_all(facade)
    question = submit_case(business, business_user, ["sign_rules"], {})
    return outdoor, facade, question


def test_the_list_shows_newest_first_with_open_tasks_and_deadline(client, kes_user, three_cases):
    outdoor, facade, question = three_cases
    client.force_login(kes_user)
    response = client.get(list_url())
    assert response.status_code == 200
    assert listed(response) == [question.reference, facade.reference, outdoor.reference]
    rows = {case.reference: case for case in response.context["page"].object_list}
    assert rows[outdoor.reference].open_tasks == 1
    assert rows[outdoor.reference].next_deadline == outdoor.tasks.get().deadline
    assert rows[facade.reference].open_tasks == 0
    assert rows[facade.reference].next_deadline is None
    assert detail_url(outdoor) in response.content.decode()


def test_the_list_filters_by_reference_cvr_name_status_and_track(client, kes_user, three_cases):
    outdoor, facade, question = three_cases
    client.force_login(kes_user)
    assert listed(client.get(list_url(q=outdoor.reference))) == [outdoor.reference]
    prefix = outdoor.reference[:-1]
    assert outdoor.reference in listed(client.get(list_url(q=prefix.lower())))
    assert listed(client.get(list_url(q=facade.business.cvr))) == [facade.reference]
    assert listed(client.get(list_url(q=f"DK{facade.business.cvr}"))) == [facade.reference]
    name_part = outdoor.business.name.split()[-2].lower()
    by_name = listed(client.get(list_url(q=name_part)))
    assert outdoor.reference in by_name and question.reference in by_name
    assert listed(client.get(list_url(status=CaseStatus.CLOSED))) == [facade.reference]
    assert listed(client.get(list_url(track="immediate"))) == [question.reference]
    assert listed(client.get(list_url(track="self_service", status="in_progress"))) == [
        outdoor.reference
    ]
    assert listed(client.get(list_url(q="KES-1999-"))) == []


def test_an_unknown_filter_value_is_ignored_with_a_message(client, kes_user, three_cases):
    client.force_login(kes_user)
    response = client.get(list_url(status="bogus"))
    assert response.status_code == 200
    assert len(listed(response)) == 3
    assert response.context["form"].errors["status"]


def test_the_list_pages_keep_the_filters(
    client, kes_user, catalogue, business, business_user, monkeypatch
):
    monkeypatch.setattr("cases.views.staff_case.PAGE_SIZE", 2)
    cases = [submit_case(business, business_user, ["outdoor_serving"], OUTDOOR) for _ in range(3)]
    client.force_login(kes_user)
    first = client.get(list_url(track="self_service"))
    assert listed(first) == [cases[2].reference, cases[1].reference]
    assert 'href="?track=self_service&amp;page=2"' in first.content.decode()
    second = client.get(list_url(track="self_service", page=2))
    assert listed(second) == [cases[0].reference]
    assert client.get(list_url(page="x")).status_code == 200


def test_a_caseworker_sees_only_cases_with_a_task_in_their_department(
    client, caseworker_user, three_cases
):
    outdoor, facade, question = three_cases
    client.force_login(caseworker_user)
    assert listed(client.get(list_url())) == [outdoor.reference]
    assert client.get(detail_url(facade)).status_code == 404
    assert client.get(detail_url(outdoor)).status_code == 200


def test_the_list_is_for_staff_only(client, business_user, outsider_user):
    assert client.get(list_url()).status_code == 302
    client.force_login(business_user)
    assert client.get(list_url()).status_code == 403
    client.force_login(outsider_user)
    assert client.get(list_url()).status_code == 403


def _count_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(list_url())
    assert response.status_code == 200
    return len(queries), len(listed(response))


def test_the_list_costs_the_same_queries_for_1_and_20_cases(
    client, kes_user, catalogue, business, business_user
):
    client.force_login(kes_user)
    submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    one, shown = _count_list_queries(client)
    assert shown == 1
    for _ in range(19):
        submit_case(
            business, business_user, ["outdoor_serving", "facade_sign"], {**OUTDOOR, **FACADE}
        )
    many, shown = _count_list_queries(client)
    assert shown == 20
    assert many == one


# --- the case page -----------------------------------------------------------------------


@pytest.fixture
def case(catalogue, business, business_user):
    return submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)


def test_the_case_page_shows_the_whole_case(client, kes_user, case, business_user):
    task = case.tasks.select_related("department").get()
    caseworker = worker("city_use")
    request = task_request_information(
        task=task,
        by=caseworker,
        text="Send a site plan please",
        due_on=local_date(timezone.now()) + timedelta(days=10),
    )
    information_answer(
        request=request,
        by=business_user,
        text="Here is the plan",
        files=[upload("pdf", "plan.pdf")],
    )
    message_send(case=case, by=kes_user, text="Hello from KES", files=[upload("png", "map.png")])
    task_decide(task=task, by=caseworker, **APPROVE)
    client.force_login(kes_user)
    response = client.get(detail_url(case))
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        case.reference,
        case.business.name,
        case.business.cvr,
        case.business.email,
        "Hvor mange m² vil du bruge?",  # the question, with its answer
        "På fortovet",
        case.reasons.first().text,
        task.department.name,
        "Send a site plan please",
        "Here is the plan",
        "plan.pdf",
        "map.png",
        "Hello from KES",
        str(Outcome.APPROVED.label),
    ):
        assert text in content, text
    document = CaseDocument.objects.get(original_name="map.png")
    assert (
        reverse(
            "case_document_download",
            kwargs={"reference": case.reference, "document_id": document.pk},
        )
        in content
    )
    # The audit trail names people and things; it never dumps the stored data.
    assert "{'" not in content and '{"' not in content


@pytest.fixture
def shared_case(catalogue, business, business_user):
    """A case with tasks in several departments (an event: City Use, police and more)."""
    return submit_case(business, business_user, ["event_public_space"], SMALL_EVENT)


def _task_links(client, case):
    content = client.get(detail_url(case)).content.decode()
    return {
        task.department.code: f'href="{reverse("task_detail", args=[task.pk])}"' in content
        for task in case.tasks.select_related("department")
    }


def test_a_caseworker_gets_links_only_to_the_tasks_they_may_open(client, shared_case):
    codes = set(shared_case.tasks.values_list("department__code", flat=True))
    assert len(codes) > 1
    own = sorted(codes)[0]
    client.force_login(worker(own))
    links = _task_links(client, shared_case)
    assert links == {code: code == own for code in codes}
    content = client.get(detail_url(shared_case)).content.decode()
    for task in shared_case.tasks.exclude(department__code=own).select_related("department"):
        assert task.department.name in content  # named, as text
        assert client.get(reverse("task_detail", args=[task.pk])).status_code == 404


def test_kes_staff_get_links_to_every_task(client, kes_user, shared_case):
    client.force_login(kes_user)
    links = _task_links(client, shared_case)
    assert len(links) > 1 and all(links.values())


def test_viewing_the_case_page_is_recorded(client, kes_user, case):
    client.force_login(kes_user)
    client.get(detail_url(case))
    client.get(detail_url(case))
    views = CaseEvent.objects.filter(case=case, kind=EventKind.CASE_VIEWED)
    assert views.count() == 2
    assert set(views.values_list("actor", flat=True)) == {kes_user.pk}


def test_a_business_does_not_find_the_staff_page(client, business_user, case):
    client.force_login(business_user)
    assert client.get(detail_url(case)).status_code == 404
    assert client.post(detail_url(case, "staff_case_note"), {"note-text": "x"}).status_code == 404
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.CASE_VIEWED).exists()


def test_anonymous_users_go_to_login(client, case):
    response = client.get(detail_url(case))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_manager_reads_but_may_not_write(client, manager_user, case):
    client.force_login(manager_user)
    response = client.get(detail_url(case))
    assert response.status_code == 200
    assert 'name="note-text"' not in response.content.decode()
    assert 'name="message-text"' not in response.content.decode()
    assert client.post(detail_url(case, "staff_case_note"), {"note-text": "x"}).status_code == 403
    response = client.post(detail_url(case, "staff_case_message"), {"message-text": "x"})
    assert response.status_code == 403
    assert not InternalNote.objects.exists() and not CaseMessage.objects.exists()


def test_a_note_is_kept_for_staff_only(client, kes_user, case):
    client.force_login(kes_user)
    response = client.post(detail_url(case, "staff_case_note"), {"note-text": "Ring dem op"})
    assert response.status_code == 302
    assert response["Location"] == detail_url(case) + "#notes"
    note = InternalNote.objects.get()
    assert (note.case, note.author, note.text) == (case, kes_user, "Ring dem op")
    page = client.get(response["Location"]).content.decode()
    assert "Ring dem op" in page
    # What the business's timeline is built from never carries the note's text.
    for event in CaseEvent.objects.filter(case=case, kind__in=BUSINESS_TIMELINE_EVENTS):
        assert "Ring dem op" not in event.note + json.dumps(event.data)
    assert CaseEvent.objects.get(case=case, kind=EventKind.NOTE_ADDED).note == ""


def test_a_caseworker_of_the_case_writes_to_the_business_with_files(client, caseworker_user, case):
    client.force_login(caseworker_user)
    response = client.post(
        detail_url(case, "staff_case_message"),
        {
            "message-text": "Vi mangler en tegning",
            "message-files": [upload("pdf", "a.pdf"), upload("jpg", "b.jpg")],
        },
    )
    assert response.status_code == 302
    message = CaseMessage.objects.get()
    assert (message.author, message.from_business) == (caseworker_user, False)
    assert sorted(message.documents.values_list("original_name", flat=True)) == ["a.pdf", "b.jpg"]
    assert "Vi mangler en tegning" in client.get(detail_url(case)).content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"message-text": "  "}, "Write a message."),
        ({"message-text": "x" * 5001}, "5000"),
        ({"message-text": "Se filen", "message-files": [upload("exe", "virus.pdf")]}, "virus.pdf"),
    ],
    ids=["empty", "too-long", "bad-file"],
)
def test_a_bad_message_is_shown_again_with_its_error(client, kes_user, case, data, error):
    client.force_login(kes_user)
    response = client.post(f"/en{detail_url(case, 'staff_case_message')}", data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert response.context["message_form"].errors
    assert not CaseMessage.objects.exists() and not CaseDocument.objects.exists()
    assert not CaseEvent.objects.filter(kind=EventKind.MESSAGE_SENT).exists()


def test_an_empty_note_is_refused(client, kes_user, case):
    client.force_login(kes_user)
    response = client.post(detail_url(case, "staff_case_note"), {"note-text": ""})
    assert response.status_code == 200
    assert response.context["note_form"].errors["text"]
    assert not InternalNote.objects.exists()


def test_the_write_urls_take_posts_only(client, kes_user, case):
    client.force_login(kes_user)
    assert client.get(detail_url(case, "staff_case_message")).status_code == 405
    assert client.get(detail_url(case, "staff_case_note")).status_code == 405


def test_the_case_page_in_english(client, kes_user, case):
    client.force_login(kes_user)
    response = client.get("/en" + detail_url(case))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Audit trail" in content and "Self-service" in content
    assert "How many m² do you want to use?" in content


def _count_page_queries(client, case):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(detail_url(case))
    assert response.status_code == 200
    return len(queries)


def _work_on(case, kes_user, *, rounds):
    for task in case.tasks.select_related("department"):
        task_assign(task=task, assignee=(user := worker(task.department.code)), by=user)
    for number in range(rounds):
        message_send(case=case, by=kes_user, text=f"Besked {number}", files=[upload("pdf")])
        note_add(case=case, by=kes_user, text=f"Note {number}")


def test_the_case_page_costs_the_same_queries_for_few_and_many_rows(
    client, kes_user, catalogue, business, business_user
):
    client.force_login(kes_user)
    small = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    _work_on(small, kes_user, rounds=1)
    big = submit_case(
        business,
        business_user,
        ["outdoor_serving", "event_public_space"],
        {**OUTDOOR, **SMALL_EVENT},
    )
    _work_on(big, kes_user, rounds=8)
    for _ in range(5):
        client.get(detail_url(big))  # more events
    assert big.tasks.count() > small.tasks.count()
    assert _count_page_queries(client, big) == _count_page_queries(client, small)


# --- the timeline and the full audit trail ---------------------------------------------


def _add_events(case, count, *, kind=EventKind.NOTE_ADDED, start=None, actor=None):
    """``count`` events on ``case``, one a minute, the newest ``start`` (default: an hour ago,
    older than what a request records now); returned newest first."""
    start = start or timezone.now() - timedelta(hours=1)
    return CaseEvent.objects.bulk_create(
        CaseEvent(case=case, kind=kind, at=start - timedelta(minutes=number), actor=actor)
        for number in range(count)
    )


def test_the_timeline_shows_the_latest_events_without_staff_views(client, kes_user, case):
    older = _add_events(case, TIMELINE_LATEST, start=timezone.now() - timedelta(days=2))
    soon = timezone.now() + timedelta(hours=1)  # newer than the submission's own events
    newer = _add_events(case, 10, kind=EventKind.MESSAGE_SENT, start=soon)
    _add_events(case, 30, kind=EventKind.CASE_VIEWED, actor=kes_user, start=soon)
    client.force_login(kes_user)
    response = client.get(detail_url(case))
    page = response.context["page"]
    assert len(page.events) == TIMELINE_LATEST
    assert all(event.kind != EventKind.CASE_VIEWED for event in page.events)
    shown = [event.pk for event in page.events]
    assert shown[:10] == [event.pk for event in newer]  # newest first
    assert older[-1].pk not in shown  # the oldest are left for the audit-trail page
    total = CaseEvent.objects.filter(case=case).count()  # the view just recorded included
    assert page.event_count == total
    content = response.content.decode()
    assert f'href="{detail_url(case, "staff_case_audit")}"' in content
    english = client.get("/en" + detail_url(case)).content.decode()
    assert f"Show the full audit trail ({total + 1} events)" in english


def test_every_view_is_still_recorded_and_a_track_override_stays_in_the_facts(
    client, kes_user, case
):
    case_track_override(case=case, by=kes_user, track="assisted", reason="Ringede ind")
    _add_events(case, TIMELINE_LATEST + 5, start=timezone.now() + timedelta(hours=1))
    client.force_login(kes_user)
    page = client.get(detail_url(case)).context["page"]
    assert [event.note for event in page.track_overrides] == ["Ringede ind"]
    assert all(event.kind != EventKind.TRACK_OVERRIDDEN for event in page.events)
    assert CaseEvent.objects.filter(case=case, kind=EventKind.CASE_VIEWED).count() == 1


def test_the_audit_page_lists_every_event_with_the_staff_views_newest_first(
    client, kes_user, manager_user, case
):
    client.force_login(kes_user)
    client.get(detail_url(case))
    client.force_login(manager_user)  # managers read
    response = client.get(detail_url(case, "staff_case_audit"))
    assert response.status_code == 200
    events = response.context["page"].object_list
    everything = list(CaseEvent.objects.filter(case=case).order_by("-at", "-id"))
    assert events == everything  # reading the trail is recorded too: the newest line
    assert (events[0].kind, events[0].actor) == (EventKind.CASE_VIEWED, manager_user)
    assert (events[1].kind, events[1].actor) == (EventKind.CASE_VIEWED, kes_user)
    assert events[-1].kind == EventKind.RECEIVED
    content = response.content.decode()
    assert str(EventKind.CASE_VIEWED.label) in content
    assert all(event.summary is not None for event in events)
    assert "{'" not in content and '{"' not in content  # described, never dumped


def test_the_audit_page_paginates_with_an_elided_range(client, kes_user, case):
    _add_events(case, 2_000, kind=EventKind.CASE_VIEWED, actor=kes_user)
    client.force_login(kes_user)
    url = detail_url(case, "staff_case_audit")
    response = client.get(f"{url}?page=20")
    page = response.context["page"]
    total = CaseEvent.objects.filter(case=case).count()
    assert page.paginator.num_pages == -(-total // AUDIT_PAGE_SIZE) > 40
    assert page.number == 20 and len(page.object_list) == AUDIT_PAGE_SIZE
    assert list(response.context["page_range"]) == [
        1, 2, page.paginator.ELLIPSIS, 18, 19, 20, 21, 22, page.paginator.ELLIPSIS,
        page.paginator.num_pages - 1, page.paginator.num_pages,
    ]  # fmt: skip
    content = response.content.decode()
    assert 'class="pagination' in content and 'aria-current="page"' in content
    assert 'href="?page=21"' in content and "…" in content
    last = client.get(f"{url}?page=999").context["page"]  # past the end: the last
    assert last.number == last.paginator.num_pages
    assert last.object_list[-1] == CaseEvent.objects.filter(case=case).order_by("at", "id")[0]
    assert client.get(f"{url}?page=x").context["page"].number == 1


def test_the_audit_page_is_for_those_who_see_the_case(
    client, case, business_user, caseworker_user, outsider_user, kes_user
):
    url = detail_url(case, "staff_case_audit")
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    for user in (business_user, outsider_user, worker("parking")):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.CASE_VIEWED).exists()
    client.force_login(caseworker_user)  # a caseworker of the case's department
    assert client.get(url).status_code == 200
    client.force_login(kes_user)
    assert client.get(reverse("staff_case_audit", args=["KES-2026-999999"])).status_code == 404
    assert client.post(url).status_code == 405


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_audit_page_has_its_heading_and_breadcrumbs_in_both_languages(
    client, kes_user, case, lang
):
    client.force_login(kes_user)
    prefix = "" if lang == "da" else "/en"
    response = client.get(prefix + detail_url(case, "staff_case_audit"))
    content = response.content.decode()
    with translation.override(lang):
        heading = gettext("Audit trail of case %(reference)s") % {"reference": case.reference}
        crumbs = [gettext(text) for text in ("Staff overview", "Cases", "Audit trail")]
        back = gettext("Back to the case")
        case_url = detail_url(case)
    assert f'<html lang="{lang}">' in content
    assert f'<h1 id="audit-trail">{heading}</h1>' in content
    assert f"<title>{heading}" in content
    for crumb in crumbs:
        assert crumb in content
    assert f'href="{case_url}">{case.reference}</a>' in content
    assert back in content
    if lang == "en":
        assert heading == f"Audit trail of case {case.reference}"
    else:
        assert "Medarbejderoverblik" in content and "Sagens historik" in content


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries


def test_the_case_page_and_the_audit_page_cost_the_same_for_20_and_2000_events(
    client, kes_user, case
):
    client.force_login(kes_user)
    page_url, audit_url = detail_url(case), detail_url(case, "staff_case_audit")
    few = CaseEvent.objects.filter(case=case).count()
    _add_events(case, 20 - few, kind=EventKind.MESSAGE_SENT, actor=kes_user)
    counts = {}
    for events in (20, 2_000):
        have = CaseEvent.objects.filter(case=case).count()
        half = (events - have) // 2
        _add_events(case, half, kind=EventKind.CASE_VIEWED, actor=kes_user)
        _add_events(case, events - have - half, kind=EventKind.NOTE_ADDED, actor=kes_user)
        counts[events] = (
            len(_count_queries(client, page_url)),
            len(_count_queries(client, audit_url)),
            len(_count_queries(client, f"{audit_url}?page=2")),
        )
    assert counts[20] == counts[2_000], counts
    timeline = [
        query["sql"]
        for query in _count_queries(client, page_url)
        # the events' own query (the case's query counts them in a subquery)
        if query["sql"].startswith('SELECT "cases_caseevent"') and "LIMIT" in query["sql"]
    ]
    assert len(timeline) == 1
    assert 'ORDER BY "cases_caseevent"."at" DESC, "cases_caseevent"."id" DESC' in timeline[0]
    assert timeline[0].rstrip().endswith(f"LIMIT {TIMELINE_LATEST}")


# --- in a browser -------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_staff_case_pages_pass_axe(
    page, lang, catalogue, business, business_user, kes_user, monkeypatch
):
    monkeypatch.setattr("cases.views.staff_case.PAGE_SIZE", 1)  # so the pagination shows
    submit_case(business, business_user, ["facade_sign"], FACADE)
    case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    message_send(case=case, by=kes_user, text="Hej", files=[upload("pdf", "plan.pdf")])
    note_add(case=case, by=kes_user, text="Ring op i morgen")
    prefix = "" if lang == "da" else "/en"
    login(page, lang, kes_user.username, "/account/")

    page.goto(f"{prefix}/staff/cases/?track=self_service")
    assert page.locator("h1").inner_text() in ("Sager", "Cases")
    assert page.locator("nav.pagination a.current-page").inner_text().endswith("1")
    assert_no_axe_violations(page)
    screenshot(page, f"staff-case-list-{lang}")

    page.locator(f"a[href='{prefix}{detail_url(case)}']").click()
    page.wait_for_url(f"**{detail_url(case)}")
    assert_no_axe_violations(page)
    screenshot(page, f"staff-case-detail-{lang}")

    page.locator("form[action$='/notes/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-module=error-summary]").is_visible()
    assert_no_axe_violations(page)
