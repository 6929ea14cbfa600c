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

from cases.api import case_gross_days
from cases.models import Case
from cases.services import case_submit
from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from routing.calendar import business_days_between, local_date

DATA = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
CPH = ZoneInfo("Europe/Copenhagen")
ANSWERS = {
    "outdoor_serving": {"area_m2": 20, "location_type": "pavement", "serves_alcohol": False},
    "a_sign": {"number_of_signs": 1},
}


@pytest.fixture
def catalogue(db):
    services = [s for s in DATA["services"] if s["code"] in ANSWERS]
    catalogue_load(data={**DATA, "services": services})


@pytest.fixture
def api():
    return APIClient()


def submit(user, *services, business=None):
    services = services or ("outdoor_serving",)
    return case_submit(
        business=business or user.businesses.get(),
        channel="digital",
        services=list(services),
        answers={code: ANSWERS[code] for code in services},
        description="Seks borde foran caféen.",
        submitted_by=user,
    )


def url(case):
    return f"/api/v1/cases/{case.reference}/"


def test_a_business_user_sees_its_own_case(api, business_user, catalogue):
    case = submit(business_user)
    api.force_authenticate(business_user)
    response = api.get(url(case))
    assert response.status_code == 200
    business = case.business
    assert response.json() == {
        "reference": case.reference,
        "track": "self_service",
        "status": "received",
        "channel": "digital",
        "received_at": timezone.localtime(case.received_at).isoformat(),
        "closed_at": None,
        "business": {"cvr": business.cvr, "name": business.name},
        "gross_days": 0,
        "net_days": 0,
        "tasks": [],
    }


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
