"""The business pilot's pages: who may open and post what, what they show, and the
portfolio's and the pilot choice's queries constant in the number of cases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cases.constants import CaseStatus, TaskKind
from cases.models import FollowUp, PilotIntroduction
from cases.selectors.pilots import pilot_candidates
from cases.selectors.portfolio import pilot_portfolio
from cases.services import (
    case_pilot_assign,
    follow_up_create,
    pilot_introduction_add,
    pilot_introduction_complete,
)
from cases.services.pilots import involved_department_ids
from routing.calendar import local_date
from tests.cases.helpers import CONCERT, decide_all, submit_case


def _today():
    return local_date(timezone.now())


@pytest.fixture
def pilot_case(catalogue, business, business_user):
    return submit_case(business, business_user, ["event_public_space"], CONCERT)


@pytest.fixture
def assigned(pilot_case, kes_user, pilot_user):
    case_pilot_assign(case=pilot_case, pilot=pilot_user, by=kes_user)
    pilot_case.refresh_from_db()
    return pilot_case


def introduce(case, pilot):
    for department_id in involved_department_ids(case):
        pilot_introduction_add(
            case=case,
            by=pilot,
            department_id=department_id,
            contact_name="Kontakt",
            introduced_on=_today(),
        )
    pilot_introduction_complete(case=case, by=pilot)


def _page(case):
    with translation.override("da"):
        return reverse("pilot_case", args=[case.reference])


def _en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, **kwargs)


def _assert_refused(client, name, case, data, model):
    """Posting ``data`` to the English page ``name`` of ``case`` shows the form again with
    its field errors and stores no ``model`` row."""
    response = client.post(_en(name, args=[case.reference]), data)
    assert response.status_code == 200
    assert not model.objects.exists()


# --- access ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kes_user", 200),
        ("pilot_user", 200),
        ("manager_user", 403),
        ("triage_user", 403),
        ("business_user", 404),
        ("other_business_user", 404),
        ("outsider_user", 404),
        ("caseworker_user", 404),  # no task of their department on the case yet
    ],
)
def test_the_pilot_page_of_a_case(client, request, pilot_case, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_page(pilot_case)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("pilot_user", 403), ("manager_user", 403), ("business_user", 404), ("outsider_user", 404)],
)
def test_only_kes_staff_assign(client, request, pilot_case, pilot_user, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("pilot_assign", args=[pilot_case.reference]), {"pilot": pilot_user.pk}
    )
    assert response.status_code == status
    pilot_case.refresh_from_db()
    assert pilot_case.pilot is None


def test_kes_staff_assign_from_the_pilots_with_their_portfolio_size(
    client, kes_user, pilot_user, pilot_case
):
    client.force_login(kes_user)
    page = client.get(_en("pilot_case", args=[pilot_case.reference])).content.decode()
    assert "t-pilot" in page and "0 open cases" in page
    assert 'data-testid="follow-up-form"' not in page, "no follow-ups before there is a pilot"
    response = client.post(
        reverse("pilot_assign", args=[pilot_case.reference]), {"pilot": pilot_user.pk}
    )
    assert response.status_code == 302
    pilot_case.refresh_from_db()
    assert pilot_case.pilot == pilot_user


@pytest.mark.parametrize("value", ["", "abc", "999999999", "1" * 40, "\x00", "-1"])
def test_a_bad_pilot_choice_is_a_field_error(client, kes_user, pilot_user, pilot_case, value):
    client.force_login(kes_user)
    response = client.post(_en("pilot_assign", args=[pilot_case.reference]), {"pilot": value})
    assert response.status_code == 200
    assert "error" in response.content.decode()
    pilot_case.refresh_from_db()
    assert pilot_case.pilot is None


@pytest.mark.parametrize("who", ["kes_user", "manager_user"])
def test_only_the_cases_pilot_introduces(client, request, assigned, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("pilot_introduction_add", args=[assigned.reference])
    department = min(involved_department_ids(assigned))
    response = client.post(
        url,
        {
            "intro-department_id": department,
            "intro-contact_name": "X",
            "intro-introduced_on": _today().isoformat(),
        },
    )
    assert response.status_code == 403
    assert not PilotIntroduction.objects.exists()
    response = client.post(reverse("pilot_introduction_complete", args=[assigned.reference]))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "data",
    [
        {"intro-department_id": "", "intro-contact_name": "X", "intro-introduced_on": "2026-01-01"},
        {"intro-department_id": "abc", "intro-contact_name": "X"},
        {"intro-department_id": "99999999999999999999", "intro-contact_name": "X"},
        {"intro-contact_name": "", "intro-introduced_on": "0001-01-01"},
        {"intro-contact_name": "X\x00", "intro-introduced_on": "2999-01-01"},
        {"intro-contact_name": "X", "intro-introduced_on": "31/02/2026"},
        {"intro-contact_name": "X", "intro-contact_email": "not an address"},
        {"intro-contact_name": "X", "intro-contact_phone": "call me maybe"},
    ],
)
def test_bad_introductions_are_field_errors(client, pilot_user, assigned, data):
    client.force_login(pilot_user)
    data = {"intro-department_id": min(involved_department_ids(assigned)), **data}
    data.setdefault("intro-introduced_on", _today().isoformat())
    _assert_refused(client, "pilot_introduction_add", assigned, data, PilotIntroduction)


def test_the_pilot_introduces_completes_and_closes_through_the_pages(
    client, pilot_user, assigned, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(pilot_user)
    for department_id in involved_department_ids(assigned):
        response = client.post(
            reverse("pilot_introduction_add", args=[assigned.reference]),
            {
                "intro-department_id": department_id,
                "intro-contact_name": "Kontakt",
                "intro-contact_email": "k@kk.example",
                "intro-introduced_on": _today().strftime("%d/%m/%Y"),
            },
        )
        assert response.status_code == 302
    client.post(reverse("pilot_introduction_complete", args=[assigned.reference]))
    assert assigned.tasks.filter(kind=TaskKind.DECISION).count() == 4
    decide_all(assigned)
    page = client.get(_en("pilot_case", args=[assigned.reference])).content.decode()
    assert 'data-testid="close-form"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("pilot_close", args=[assigned.reference]), {"close-summary": "Tak for nu."}
        )
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == CaseStatus.CLOSED
    assert any("Tak for nu." in mail.body for mail in mailoutbox)


def test_follow_ups_pages_and_access(
    client, pilot_user, kes_user, business_user, outsider_user, caseworker_user, assigned
):
    introduce(assigned, pilot_user)
    task = assigned.tasks.filter(kind=TaskKind.DECISION).first()
    client.force_login(pilot_user)
    response = client.post(
        reverse("pilot_follow_up_add", args=[assigned.reference]),
        {
            "follow-text": "Ring til afdelingen om opgaven",
            "follow-task_id": task.pk,
            "follow-due_on": (_today() + timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.assignee == pilot_user and follow_up.task == task
    listing = client.get(_en("pilot_follow_ups")).content.decode()
    assert "Ring til afdelingen" in listing
    detail = reverse("follow_up_detail", args=[follow_up.pk])
    assert client.get(detail).status_code == 200
    for user, status in ((business_user, 404), (outsider_user, 404)):
        client.force_login(user)
        assert client.get(detail).status_code == status
        assert client.post(reverse("follow_up_done", args=[follow_up.pk])).status_code == status
    client.force_login(caseworker_user)  # a department of the case: sees it, may not finish it
    if task.department.code == "city_use":
        assert client.post(reverse("follow_up_done", args=[follow_up.pk])).status_code == 403
    client.force_login(pilot_user)
    response = client.post(reverse("follow_up_done", args=[follow_up.pk]), {"note": "Talt med dem"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None and follow_up.done_note == "Talt med dem"


@pytest.mark.parametrize(
    "data",
    [
        {"follow-text": "", "follow-due_on": "2026-01-01"},
        {"follow-text": "X", "follow-due_on": "1900-01-01"},
        {"follow-text": "X", "follow-due_on": "9999-12-31"},
        {"follow-text": "X", "follow-due_on": "not a date"},
        {"follow-text": "X", "follow-task_id": "abc"},
        {"follow-text": "X", "follow-task_id": "123456789012345678901234567890"},
    ],
)
def test_bad_follow_ups_are_field_errors(client, pilot_user, assigned, data):
    client.force_login(pilot_user)
    data.setdefault("follow-due_on", (_today() + timedelta(days=1)).isoformat())
    _assert_refused(client, "pilot_follow_up_add", assigned, data, FollowUp)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("pilot_user", 200),
        ("kes_user", 403),
        ("manager_user", 403),
        ("business_user", 403),
        ("outsider_user", 403),
    ],
)
def test_the_portfolio_is_for_pilots(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("pilot_cases")).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("kes_user", 200), ("pilot_user", 403), ("manager_user", 403), ("business_user", 403)],
)
def test_the_portfolio_move_is_for_kes_staff(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("pilot_reassign")).status_code == status


def test_the_portfolio_shows_only_the_pilots_own_cases(
    client, catalogue, business, business_user, kes_user, pilot_user, django_user_model
):
    from kes.constants import Role
    from routing.services import user_roles_grant

    other = django_user_model.objects.create_user("t-pilot-other")
    user_roles_grant(user=other, roles=[Role.PILOT])
    mine = submit_case(business, business_user, ["event_public_space"], CONCERT)
    theirs = submit_case(business, business_user, ["event_public_space"], CONCERT)
    case_pilot_assign(case=mine, pilot=pilot_user, by=kes_user)
    case_pilot_assign(case=theirs, pilot=other, by=kes_user)
    client.force_login(pilot_user)
    for order in ("", "urgent", "received", "business", "nonsense\x00"):
        page = client.get(_en("pilot_cases"), {"order": order}).content.decode()
        assert mine.reference in page and theirs.reference not in page


# --- queries --------------------------------------------------------------------------


def _portfolio_queries(pilot):
    with CaptureQueriesContext(connection) as queries:
        groups = pilot_portfolio(pilot)
        for group in groups:
            for case in group.cases:
                for task in case.portfolio_tasks:
                    str(task.department.name)
                    if task.case_service_id:
                        str(task.case_service.service.name)
                for follow_up in case.open_follow_ups:
                    str(follow_up.task.department.name if follow_up.task else "")
    return len(queries)


def test_portfolio_queries_do_not_grow_with_cases(
    catalogue, business, business_user, kes_user, pilot_user
):
    def one_more():
        case = submit_case(business, business_user, ["event_public_space"], CONCERT)
        case_pilot_assign(case=case, pilot=pilot_user, by=kes_user)
        introduce(case, pilot_user)
        task = case.tasks.filter(kind=TaskKind.DECISION).first()
        follow_up_create(
            case=case,
            text="Ring",
            due_on=_today() + timedelta(days=2),
            by=pilot_user,
            task=task,
        )

    one_more()
    one = _portfolio_queries(pilot_user)
    for _ in range(3):
        one_more()
    assert _portfolio_queries(pilot_user) == one


def test_portfolio_page_queries_do_not_grow_with_cases(
    client, catalogue, business, business_user, kes_user, pilot_user
):
    client.force_login(pilot_user)

    def add():
        case = submit_case(business, business_user, ["event_public_space"], CONCERT)
        case_pilot_assign(case=case, pilot=pilot_user, by=kes_user)

    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("pilot_cases")).status_code == 200
        return len(queries)

    add()
    one = page_queries()
    add(), add(), add()
    assert page_queries() == one


def test_pilot_candidates_are_one_query_with_their_open_cases(
    catalogue, business, business_user, kes_user, pilot_user, django_user_model
):
    for _ in range(3):
        case = submit_case(business, business_user, ["event_public_space"], CONCERT)
        case_pilot_assign(case=case, pilot=pilot_user, by=kes_user)
    with CaptureQueriesContext(connection) as queries:
        rows = {user.username: user.open_cases for user in pilot_candidates()}
    assert len(queries) == 1
    assert rows == {"t-pilot": 3}
