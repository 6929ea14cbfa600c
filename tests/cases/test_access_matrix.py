"""Every role × every URL of a case: who may not see the case gets 404, always.

One case (outdoor serving, decided by City Use) with an uploaded document, a message, an
answered information request, a decision and the combined letter. Users who may not see
it: another business, a caseworker and a lead of a department without a task on it. For
them every page, every form post, every file, the letter and the API say 404 — exactly
what an unknown reference says. Those who may see it never get 404 on their own pages.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from cases.constants import LetterKind, Outcome
from cases.services import (
    information_answer,
    message_send,
    task_decide,
    task_request_information,
)
from routing.calendar import local_date
from routing.constants import MembershipRole
from tests.cases.helpers import OUTDOOR, department_member, submit_case
from tests.factories import upload


@pytest.fixture
def world(catalogue, business, business_user, other_business_user):
    """The case and one user per position towards it."""
    worker = department_member("m-city", "city_use")
    case = submit_case(
        business,
        business_user,
        ["outdoor_serving"],
        OUTDOOR,
        description="Udeservering",
        documents=[("", upload("pdf", "plan.pdf"))],
    )
    task = case.tasks.get()
    request = task_request_information(
        task=task, by=worker, text="Tegning", due_on=local_date(timezone.now()) + timedelta(7)
    )
    information_answer(request=request, by=business_user, text="Her", files=[upload("png")])
    message = message_send(case=case, by=business_user, text="Tak")
    task_decide(task=task, by=worker, outcome=Outcome.APPROVED, statement="Godkendt")
    letter = case.letters.get(kind=LetterKind.DECISION)
    letter.file.save("letter.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return {
        "case": case,
        "task": task,
        "request": request,
        "message": message,
        "document": case.documents.first(),
        "letter": letter,
        "outsiders": {
            "other business": other_business_user,
            "caseworker elsewhere": department_member("m-parking", "parking"),
            "lead elsewhere": department_member("m-parking-lead", "parking", MembershipRole.LEAD),
        },
    }


def case_urls(world):
    case, task = world["case"], world["task"]
    ref = case.reference
    return [
        ("get", reverse("my_case_detail", args=[ref])),
        ("post", reverse("my_case_message", args=[ref])),
        ("get", reverse("my_case_answer", args=[ref, world["request"].pk])),
        ("post", reverse("my_case_answer", args=[ref, world["request"].pk])),
        ("post", reverse("my_case_satisfaction", args=[ref])),
        ("post", reverse("application_again", args=[ref])),
        ("get", reverse("application_submitted", args=[ref])),
        ("get", reverse("staff_case_detail", args=[ref])),
        ("get", reverse("staff_case_audit", args=[ref])),
        ("get", f"{reverse('staff_case_audit', args=[ref])}?page=2"),
        ("get", reverse("staff_case_messages", args=[ref])),
        ("get", reverse("staff_case_notes", args=[ref])),
        ("post", reverse("staff_case_message", args=[ref])),
        ("post", reverse("staff_case_note", args=[ref])),
        ("post", reverse("staff_case_track", args=[ref])),
        ("get", reverse("task_detail", args=[task.pk])),
        ("post", reverse("task_assign", args=[task.pk])),
        ("post", reverse("task_unassign", args=[task.pk])),
        ("post", reverse("task_complete_check", args=[task.pk])),
        ("get", reverse("task_request_information", args=[task.pk])),
        ("post", reverse("task_request_information", args=[task.pk])),
        ("get", reverse("task_decide", args=[task.pk])),
        ("post", reverse("task_decide", args=[task.pk])),
        ("get", reverse("kes_task_complete", args=[task.pk])),
        ("get", reverse("pilot_case", args=[ref])),
        ("post", reverse("pilot_assign", args=[ref])),
        ("post", reverse("pilot_introduction_add", args=[ref])),
        ("post", reverse("pilot_introduction_complete", args=[ref])),
        ("post", reverse("pilot_follow_up_add", args=[ref])),
        ("post", reverse("pilot_close", args=[ref])),
        ("get", reverse("case_document_download", args=[ref, world["document"].pk])),
        ("get", reverse("case_letter_download", args=[ref, world["letter"].pk])),
        ("get", f"/en{reverse('my_case_detail', args=[ref])}"),
        ("get", f"/en{reverse('staff_case_audit', args=[ref])}"),
    ]


def api_urls(world):
    ref = world["case"].reference
    return [
        ("get", f"/api/v1/cases/{ref}/"),
        ("get", f"/api/v1/cases/{ref}/messages/"),
        ("post", f"/api/v1/cases/{ref}/messages/"),
    ]


@pytest.mark.parametrize("who", ["other business", "caseworker elsewhere", "lead elsewhere"])
def test_users_who_may_not_see_the_case_get_404_everywhere(client, world, who):
    user = world["outsiders"][who]
    client.force_login(user)
    answers = {
        f"{method.upper()} {url}": getattr(client, method)(url).status_code
        for method, url in case_urls(world)
    }
    assert answers == dict.fromkeys(answers, 404)
    api = {}
    token = Token.objects.create(user=user)
    for method, url in api_urls(world):
        response = getattr(client, method)(
            url,
            data={"text": "x"} if method == "post" else None,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token.key}",
        )
        api[f"{method.upper()} {url}"] = response.status_code
    assert api == dict.fromkeys(api, 404)


def test_an_unknown_reference_answers_like_a_hidden_one(client, world, kes_user):
    client.force_login(kes_user)
    for name in ("staff_case_detail", "staff_case_audit", "my_case_detail"):
        assert client.get(reverse(name, args=["KES-2026-999999"])).status_code == 404
    letter = world["letter"]
    url = reverse("case_letter_download", args=["KES-2026-999999", letter.pk])
    assert client.get(url).status_code == 404


def test_anonymous_users_are_sent_to_login_and_the_api_refuses(client, world):
    for method, url in case_urls(world):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]
    for method, url in api_urls(world):
        assert getattr(client, method)(url).status_code in (401, 403), url


@pytest.mark.parametrize(
    ("who", "pages"),
    [
        ("business_user", ["my_case_detail", "case_document_download", "case_letter_download"]),
        (
            "caseworker",
            ["staff_case_detail", "staff_case_audit", "task_detail", "case_document_download"],
        ),
        (
            "kes_user",
            ["staff_case_detail", "staff_case_audit", "task_detail", "case_letter_download"],
        ),
        ("manager_user", ["staff_case_detail", "staff_case_audit", "case_letter_download"]),
        ("pilot_user", ["staff_case_detail", "staff_case_audit", "staff_case_messages"]),
        ("triage_user", ["staff_case_detail", "staff_case_audit"]),
    ],
)
def test_those_who_may_see_the_case_open_their_pages(client, world, request, who, pages):
    user = (
        department_member("m-city-2", "city_use")
        if who == "caseworker"
        else request.getfixturevalue(who)
    )
    client.force_login(user)
    ref = world["case"].reference
    args = {
        "my_case_detail": [ref],
        "staff_case_detail": [ref],
        "staff_case_audit": [ref],
        "staff_case_messages": [ref],
        "task_detail": [world["task"].pk],
        "case_document_download": [ref, world["document"].pk],
        "case_letter_download": [ref, world["letter"].pk],
    }
    for name in pages:
        assert client.get(reverse(name, args=args[name])).status_code == 200, name


@pytest.mark.parametrize("who", ["kes_user", "manager_user", "pilot_user"])
def test_staff_get_404_on_the_business_pages_and_the_business_on_staff_pages(
    client, world, request, who, business_user
):
    ref = world["case"].reference
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("my_case_detail", args=[ref])).status_code == 404
    client.force_login(business_user)
    assert client.get(reverse("staff_case_detail", args=[ref])).status_code == 404
    assert client.get(reverse("staff_case_audit", args=[ref])).status_code == 404
    assert client.get(reverse("task_detail", args=[world["task"].pk])).status_code == 404


PUBLIC_PAGES = ["/processing-times/", "/en/processing-times/"]


@pytest.mark.parametrize(
    "who", [None, "business_user", "caseworker_user", "kes_user", "manager_user"]
)
def test_the_public_pages_answer_everyone_signed_in_or_not(client, catalogue, request, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    answers = {url: client.get(url).status_code for url in PUBLIC_PAGES}
    assert answers == dict.fromkeys(PUBLIC_PAGES, 200)


# The track and pilot figures (issue 15): the dashboard's readers only; the monthly report,
# city-wide, for managers only. The page exists whatever the role, so a wrong role is 403.
TRACK_PAGES = ["/staff/dashboard/tracks/", "/en/staff/dashboard/tracks/"]
REPORT = ["/staff/dashboard/tracks/report.pdf", "/en/staff/dashboard/tracks/report.pdf"]


@pytest.mark.parametrize(
    ("who", "page", "report"),
    [
        ("manager_user", 200, 404),  # no report built yet: nothing to download
        ("lead_user", 200, 403),
        ("business_user", 403, 403),
        ("caseworker_user", 403, 403),
        ("kes_user", 403, 403),
        ("pilot_user", 403, 403),
        ("triage_user", 403, 403),
        ("advisor_user", 403, 403),
        ("outsider_user", 403, 403),
    ],
)
def test_the_track_figures_answer_by_role(client, request, who, page, report):
    client.force_login(request.getfixturevalue(who))
    answers = {url: client.get(url).status_code for url in TRACK_PAGES + REPORT}
    assert answers == {**dict.fromkeys(TRACK_PAGES, page), **dict.fromkeys(REPORT, report)}


def test_the_track_figures_send_anonymous_users_to_login(client, db):
    for url in TRACK_PAGES + REPORT:
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


# The SLA dashboard (issue 15): managers and department leads (scoped) read it; every
# other role gets 403, anonymous users the login (pages) or 401 (API).
DASHBOARD_PAGES = [
    "/staff/dashboard/",
    "/en/staff/dashboard/",
    "/staff/dashboard/tasks/?figure=open",
    "/en/staff/dashboard/tasks/",
    "/staff/dashboard/export/?table=summary",
    "/staff/dashboard/export/?table=tasks&figure=decided",
]
DASHBOARD_API = "/api/v1/stats/sla/"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager_user", 200),
        ("lead_user", 200),
        ("business_user", 403),
        ("caseworker_user", 403),
        ("kes_user", 403),
        ("pilot_user", 403),
        ("triage_user", 403),
        ("advisor_user", 403),
        ("outsider_user", 403),
    ],
)
def test_the_dashboard_answers_by_role(client, request, who, status):
    user = request.getfixturevalue(who)
    client.force_login(user)
    answers = {url: client.get(url).status_code for url in DASHBOARD_PAGES}
    token = Token.objects.create(user=user)
    answers[DASHBOARD_API] = client.get(
        DASHBOARD_API, HTTP_AUTHORIZATION=f"Token {token.key}"
    ).status_code
    assert answers == dict.fromkeys(answers, status)


def test_the_dashboard_sends_anonymous_users_to_login(client, db):
    for url in DASHBOARD_PAGES:
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url
    assert client.get(DASHBOARD_API).status_code == 401


@pytest.mark.parametrize(
    ("who", "overview", "front_desk"),
    [
        ("business_user", 403, 403),
        ("outsider_user", 403, 403),
        ("caseworker_user", 200, 403),
        ("manager_user", 200, 403),
        ("triage_user", 200, 403),
        ("kes_user", 200, 200),
    ],
)
def test_the_work_overview_and_the_front_desk_lookup_by_role(
    client, world, request, who, overview, front_desk
):
    """The overview is every staff member's; the lookup, which lists a business's open
    cases and requests, is the front desk's (KES staff) only."""
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("staff_home")).status_code == overview
    cvr = world["case"].business.cvr
    assert client.post(reverse("staff_intake"), {"cvr": cvr}).status_code == front_desk


def test_a_decision_draft_confirmed_by_an_outsider_is_404(client, world, catalogue, business):
    task = submit_case(business, business.memberships.first().user).tasks.get()
    worker = department_member("m-city-3", "city_use")
    client.force_login(worker)
    draft = client.post(
        reverse("task_decide", args=[task.pk]), {"outcome": Outcome.APPROVED, "statement": "Ja"}
    ).context["draft"]
    for user in world["outsiders"].values():
        client.force_login(user)
        url = reverse("task_decide", args=[task.pk])
        assert client.post(url, {"draft": draft, "confirm": "1"}).status_code == 404
    task.refresh_from_db()
    assert task.status != "done"
