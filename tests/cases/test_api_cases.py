"""``GET /api/v1/cases/<reference>/``: the case, its days, and who may see it (DESIGN.md §6)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cases.constants import TaskKind, TaskStatus
from cases.models import Case, DepartmentTask, InformationRequest
from cases.serializers import case_gross_days
from cases.services import task_request_information
from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from routing.calendar import add_business_days, business_days_between, local_date
from routing.models import Department
from tests.cases.helpers import A_SIGN, OUTDOOR_TYPED, submit_case
from tests.factories import DepartmentFactory

DATA = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
CPH = ZoneInfo("Europe/Copenhagen")
ANSWERS = {**OUTDOOR_TYPED, **A_SIGN}


@pytest.fixture
def catalogue(db):
    services = [s for s in DATA["services"] if s["code"] in ANSWERS]
    catalogue_load(data={**DATA, "services": services})


@pytest.fixture
def api():
    return APIClient()


def submit(user, *services, business=None):
    services = services or ("outdoor_serving",)
    return submit_case(
        business or user.businesses.get(),
        user,
        services,
        {code: ANSWERS[code] for code in services},
        description="Seks borde foran caféen.",
    )


def url(case):
    return f"/api/v1/cases/{case.reference}/"


def test_a_business_user_sees_its_own_case(api, business_user, catalogue):
    case = submit(business_user)
    api.force_authenticate(business_user)
    response = api.get(url(case))
    assert response.status_code == 200
    business = case.business
    task = case.tasks.get()
    assert response.json() == {
        "reference": case.reference,
        "track": "self_service",
        "status": "in_progress",
        "channel": "digital",
        "received_at": timezone.localtime(case.received_at).isoformat(),
        "closed_at": None,
        "business": {"cvr": business.cvr, "name": business.name},
        "gross_days": 0,
        "net_days": 0,
        "tasks": [
            {
                "service": "outdoor_serving",
                "department": "city_use",
                "status": "open",
                "target": {"days": 20, "unit": "business"},
                "deadline": add_business_days(local_date(case.received_at), 20).isoformat(),
                "gross_days": 0,
                "net_days": 0,
                "paused_days": 0,
                "complete_on": None,
                "warning_on": task.warning_on.isoformat(),
                "breached": False,
                "national_days": None,
            }
        ],
        "star_meeting": None,
        "pilot": None,
    }
    assert task.deadline.isoformat() == response.json()["tasks"][0]["deadline"]


def test_days_of_a_closed_case_count_business_days_to_the_closing_date(
    api, business_user, catalogue
):
    case = submit(business_user)
    # Friday 20 December 2024 to Friday 3 January 2025: Christmas Eve and New Year's Eve are
    # closing days, 25 and 26 December and 1 January public holidays.
    received = datetime.datetime(2024, 12, 20, 10, 0, tzinfo=CPH)
    closed = datetime.datetime(2025, 1, 3, 15, 0, tzinfo=CPH)
    Case.objects.filter(pk=case.pk).update(received_at=received, closed_at=closed, status="closed")
    api.force_authenticate(business_user)
    body = api.get(url(case)).json()
    assert body["gross_days"] == body["net_days"] == 5
    assert body["status"] == "closed"
    assert datetime.datetime.fromisoformat(body["closed_at"]) == closed
    assert datetime.datetime.fromisoformat(body["received_at"]) == received


def test_days_of_an_open_case_run_to_today(api, business_user, catalogue):
    case = submit(business_user)
    received = timezone.now() - datetime.timedelta(days=30)
    Case.objects.filter(pk=case.pk).update(received_at=received)
    api.force_authenticate(business_user)
    body = api.get(url(case)).json()
    expected = business_days_between(local_date(received), local_date(timezone.now()))
    assert body["gross_days"] == body["net_days"] == expected


def test_days_start_from_the_copenhagen_date(business_user, catalogue):
    case = submit(business_user)
    # Sunday 23:30 UTC is already Monday in Copenhagen: only Tuesday counts.
    case.received_at = datetime.datetime(2025, 3, 2, 23, 30, tzinfo=datetime.UTC)
    case.closed_at = datetime.datetime(2025, 3, 4, 10, 0, tzinfo=CPH)
    assert case_gross_days(case) == 1
    case.closed_at = None
    assert case_gross_days(case, today=datetime.date(2025, 3, 7)) == 4


def test_another_business_case_is_a_404_like_an_unknown_reference(
    api, business_user, other_business_user, catalogue
):
    case = submit(other_business_user)
    api.force_authenticate(business_user)
    hidden = api.get(url(case))
    unknown = api.get("/api/v1/cases/KES-2026-999999/")
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json() == unknown.json()


@pytest.mark.parametrize("role", ["kes_user", "pilot_user", "manager_user", "triage_user"])
def test_kes_wide_roles_see_every_case(api, business_user, catalogue, role, request):
    case = submit(business_user)
    api.force_authenticate(request.getfixturevalue(role))
    response = api.get(url(case))
    assert response.status_code == 200
    assert response.json()["reference"] == case.reference


def test_users_without_a_reason_to_see_it_get_a_404(api, business_user, outsider_user, catalogue):
    case = submit(business_user)
    api.force_authenticate(outsider_user)
    assert api.get(url(case)).status_code == 404


def test_anonymous_users_must_authenticate(api, business_user, catalogue):
    case = submit(business_user)
    response = api.get(url(case))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_the_404_message_follows_the_request_language(api, business_user, catalogue):
    api.force_authenticate(business_user)
    english = api.get("/api/v1/cases/KES-2026-999999/", HTTP_ACCEPT_LANGUAGE="en").json()
    danish = api.get("/api/v1/cases/KES-2026-999999/").json()
    assert english == {"detail": "Not found."}
    assert danish["detail"] and danish != english


def test_case_detail_takes_constant_queries(api, business_user, catalogue):
    small = submit(business_user)
    large = submit(business_user, "outdoor_serving", "a_sign")
    token = Token.objects.create(user=business_user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    with CaptureQueriesContext(connection) as one:
        assert api.get(url(small)).status_code == 200
    with CaptureQueriesContext(connection) as two:
        assert api.get(url(large)).status_code == 200
    assert large.services.count() == 2
    assert len(one) == len(two)


def test_unknown_api_addresses_are_json_404s(api, db):
    response = api.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert api.get("/api/v1/services").status_code == 301  # APPEND_SLASH still applies


# --- tasks and the clock (DESIGN.md §5) ---


def backdate(case, received, *, closed=None):
    """Move a case (and its tasks) into the past, as if it had been received then."""
    fields = {"received_at": received}
    if closed:
        fields.update(closed_at=closed, status="closed")
    Case.objects.filter(pk=case.pk).update(**fields)
    case.tasks.update(received_on=local_date(received))


def test_a_finished_pause_leaves_its_days_out_of_net(
    api, business_user, caseworker_user, catalogue
):
    case = submit(business_user)
    # Monday 2 to Friday 13 March 2026: 9 business days; waiting Wednesday 4 to Monday 9
    # leaves out Thursday, Friday and Monday.
    received = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=CPH)
    closed = datetime.datetime(2026, 3, 13, 15, 0, tzinfo=CPH)
    backdate(case, received, closed=closed)
    task = case.tasks.get()
    DepartmentTask.objects.filter(pk=task.pk).update(
        status=TaskStatus.DONE, completed_at=closed, paused_units=3
    )
    InformationRequest.objects.create(
        task=task,
        text="Send en tegning.",
        due_on=datetime.date(2026, 3, 20),
        requested_by=caseworker_user,
        requested_at=datetime.datetime(2026, 3, 4, 9, 0, tzinfo=CPH),
        answered_at=datetime.datetime(2026, 3, 9, 12, 0, tzinfo=CPH),
    )
    api.force_authenticate(business_user)
    body = api.get(url(case)).json()
    assert (body["gross_days"], body["net_days"]) == (9, 6)
    [row] = body["tasks"]
    assert row["status"] == "done"
    assert (row["gross_days"], row["net_days"], row["paused_days"]) == (9, 6, 3)


def request_information(task, by, asked):
    """A real information request, then sent ``asked`` (a datetime in the past)."""
    today = local_date(timezone.now())
    task_request_information(
        task=task, by=by, text="Send en tegning.", due_on=today + datetime.timedelta(days=10)
    )
    DepartmentTask.objects.filter(pk=task.pk).update(paused_since=local_date(asked))
    InformationRequest.objects.filter(task=task).update(requested_at=asked)


def test_while_the_only_task_waits_the_case_clock_stands_still(
    api, business_user, caseworker_user, catalogue
):
    case = submit(business_user)
    now = timezone.now()
    received, asked = now - datetime.timedelta(days=30), now - datetime.timedelta(days=14)
    backdate(case, received)
    request_information(case.tasks.get(), caseworker_user, asked)
    api.force_authenticate(business_user)
    body = api.get(url(case)).json()
    today = local_date(now)
    gross = business_days_between(local_date(received), today)
    paused = business_days_between(local_date(asked), today)
    assert paused > 0
    assert (body["gross_days"], body["net_days"]) == (gross, gross - paused)
    [row] = body["tasks"]
    assert row["status"] == "waiting"
    assert (row["gross_days"], row["net_days"], row["paused_days"]) == (
        gross,
        gross - paused,
        paused,
    )


def test_while_another_task_is_worked_on_the_case_clock_runs(
    api, business_user, caseworker_user, catalogue
):
    case = submit(business_user, "outdoor_serving", "a_sign")
    now = timezone.now()
    backdate(case, now - datetime.timedelta(days=30))
    waiting, worked = case.tasks.order_by("pk")
    request_information(waiting, caseworker_user, now - datetime.timedelta(days=14))
    api.force_authenticate(business_user)
    body = api.get(url(case)).json()
    assert body["net_days"] == body["gross_days"] > 0
    rows = {row["service"]: row for row in body["tasks"]}
    assert rows["outdoor_serving"]["net_days"] < rows["outdoor_serving"]["gross_days"]
    assert rows["a_sign"]["net_days"] == rows["a_sign"]["gross_days"]
    assert rows["a_sign"]["target"] == {"days": 10, "unit": "business"}


def test_only_decision_tasks_are_listed_and_a_missing_target_is_null(api, business_user, catalogue):
    case = submit(business_user)
    received_on = local_date(case.received_at)
    DepartmentTask.objects.create(
        case=case,
        department=Department.objects.get(code="kes"),
        kind=TaskKind.ASSIGN_PILOT,
        received_on=received_on,
    )
    DepartmentTask.objects.create(
        case=case,
        case_service=case.services.get(),
        department=Department.objects.get(code="parks"),
        received_on=received_on,
        target_days=None,
    )
    api.force_authenticate(business_user)
    rows = api.get(url(case)).json()["tasks"]
    assert [(row["department"], row["service"]) for row in rows] == [
        ("city_use", "outdoor_serving"),
        ("parks", "outdoor_serving"),
    ]
    assert rows[1]["target"] is None and rows[1]["deadline"] is None


def test_case_detail_queries_do_not_grow_with_tasks(api, business_user, caseworker_user, catalogue):
    small, large = submit(business_user), submit(business_user)
    received_on = local_date(large.received_at)
    DepartmentTask.objects.bulk_create(
        DepartmentTask(
            case=large,
            case_service=large.services.get(),
            department=DepartmentFactory(code=f"extra{i}"),
            received_on=received_on,
            target_days=5,
        )
        for i in range(9)
    )
    for task in DepartmentTask.objects.filter(case__in=[small, large]):
        InformationRequest.objects.create(
            task=task, text="?", due_on=received_on, requested_by=caseworker_user
        )
    token = Token.objects.create(user=business_user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    with CaptureQueriesContext(connection) as one:
        assert len(api.get(url(small)).json()["tasks"]) == 1
    with CaptureQueriesContext(connection) as ten:
        assert len(api.get(url(large)).json()["tasks"]) == 10
    assert len(one) == len(ten)
