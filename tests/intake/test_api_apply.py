"""Applying over the REST API: ``POST /api/v1/cases/`` (DESIGN.md §6)."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cases.models import Business, Case
from routing.calendar import business_days_between, local_date
from tests.factories import BusinessFactory, BusinessMembershipFactory
from tests.intake.test_api import APPLICATION, CASES_URL, EN, OUTDOOR, load


@pytest.fixture
def catalogue(db):
    load()


@pytest.fixture
def api():
    return APIClient()


# POST /api/v1/cases/


def _case_shape(body):
    return set(body) == {
        "reference",
        "track",
        "status",
        "channel",
        "received_at",
        "closed_at",
        "business",
        "gross_days",
        "net_days",
        "tasks",
        "pilot",
        "star_meeting",
    }


def test_business_user_applies_for_its_own_business(api, business_user, catalogue):
    api.force_authenticate(business_user)
    response = api.post(CASES_URL, APPLICATION)
    assert response.status_code == 201, response.json()
    body = response.json()
    case = Case.objects.get()
    business = business_user.businesses.get()
    assert _case_shape(body)
    assert body["reference"] == case.reference
    assert response["Location"] == f"/api/v1/cases/{case.reference}/"
    assert body["track"] == "self_service"
    assert body["status"] == "in_progress"  # routed at once
    assert body["channel"] == "digital"
    assert body["closed_at"] is None
    assert body["business"] == {"cvr": business.cvr, "name": business.name}
    assert body["gross_days"] == body["net_days"] == 0
    tasks = [(t["service"], t["department"], t["status"]) for t in body["tasks"]]
    assert tasks == [("outdoor_serving", "city_use", "open")]
    assert datetime.datetime.fromisoformat(body["received_at"]) == case.received_at
    assert case.business == business
    assert case.submitted_by == business_user
    assert case.description == "Seks borde foran caféen."
    assert case.services.get().answers == OUTDOOR


def test_business_user_with_several_businesses_chooses_by_cvr(api, business_user, catalogue):
    second = BusinessMembershipFactory(user=business_user).business
    api.force_authenticate(business_user)
    response = api.post(CASES_URL, APPLICATION, **EN)
    assert response.status_code == 400
    assert list(response.json()) == ["cvr"]
    response = api.post(CASES_URL, {**APPLICATION, "cvr": f"DK {second.cvr}"})
    assert response.status_code == 201
    assert Case.objects.get().business == second


def test_business_user_cannot_apply_for_another_business(
    api, business_user, other_business_user, catalogue
):
    other = other_business_user.businesses.get()
    api.force_authenticate(business_user)
    response = api.post(CASES_URL, {**APPLICATION, "cvr": other.cvr}, **EN)
    assert response.status_code == 400
    assert response.json() == {"cvr": ["You cannot apply for this business."]}
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"services": ["no_such_service"]}, "services"),
        ({"services": []}, "services"),
        ({"channel": "fax"}, "channel"),
        ({"answers": {"outdoor_serving": {"area_m2": 20, "serves_alcohol": False}}}, "answers"),
        ({"description": "  "}, "description"),
        ({"channel": "phone"}, "channel"),
        ({"received_at": "2026-01-05T10:00:00+01:00"}, "received_at"),
        ({"received_at": "yesterday"}, "received_at"),
        ({"cvr": "12345678"}, "cvr"),
    ],
)
def test_business_user_bad_input_stores_nothing(api, business_user, catalogue, change, field):
    api.force_authenticate(business_user)
    response = api.post(CASES_URL, {**APPLICATION, **change}, **EN)
    assert response.status_code == 400
    assert field in response.json()
    assert Case.objects.count() == 0


def test_business_user_errors_are_reported_together(api, business_user, catalogue):
    api.force_authenticate(business_user)
    body = {
        **APPLICATION,
        "channel": "counter",
        "description": "",
        "received_at": "2025-01-06T09:00:00Z",
    }
    response = api.post(CASES_URL, body, **EN)
    assert response.status_code == 400
    assert response.json() == {
        "channel": ["Only KES staff can register a request received by phone or at the counter."],
        "received_at": ["Only KES staff can set the date a case was received."],
        "description": ["Describe what the request is about."],
    }


def test_kes_staff_register_a_phone_request_received_earlier(api, kes_user, catalogue):
    business = BusinessFactory()
    received = timezone.now() - datetime.timedelta(days=10)
    api.force_authenticate(kes_user)
    body = {
        **APPLICATION,
        "channel": "phone",
        "cvr": business.cvr,
        "received_at": received.isoformat(),
    }
    response = api.post(CASES_URL, body)
    assert response.status_code == 201, response.json()
    case = Case.objects.get()
    assert case.business == business
    assert case.received_at == received
    assert case.submitted_by == kes_user
    result = response.json()
    assert result["channel"] == "phone"
    assert result["track"] == "assisted"
    expected = business_days_between(local_date(received), local_date(timezone.now()))
    assert result["gross_days"] == result["net_days"] == expected


def test_kes_staff_register_an_unknown_business(api, kes_user, catalogue):
    api.force_authenticate(kes_user)
    body = {**APPLICATION, "channel": "counter", "cvr": "12345607"}
    response = api.post(CASES_URL, body, **EN)
    assert response.status_code == 400
    assert list(response.json()) == ["cvr"]
    assert not Business.objects.filter(cvr="12345607").exists()

    body |= {"business_name": "Demo Café ApS", "business_email": "cafe@example.invalid"}
    response = api.post(CASES_URL, body)
    assert response.status_code == 201, response.json()
    assert response.json()["business"] == {"cvr": "12345607", "name": "Demo Café ApS"}
    assert Case.objects.get().business.email == "cafe@example.invalid"


def test_a_refused_case_does_not_register_the_business(api, kes_user, catalogue):
    api.force_authenticate(kes_user)
    body = {
        **APPLICATION,
        "channel": "counter",
        "cvr": "12345607",
        "business_name": "Demo Café ApS",
        "business_email": "cafe@example.invalid",
        "services": ["no_such_service"],
    }
    response = api.post(CASES_URL, body)
    assert response.status_code == 400
    assert "services" in response.json()
    assert Business.objects.count() == 0
    assert Case.objects.count() == 0


def test_a_bad_new_business_reports_its_fields_and_the_request(api, kes_user, catalogue):
    api.force_authenticate(kes_user)
    body = {
        **APPLICATION,
        "channel": "counter",
        "cvr": "12345607",
        "business_name": "Demo Café ApS",
        "business_email": "not-an-address",
        "services": [],
        "answers": {},
    }
    response = api.post(CASES_URL, body)
    assert response.status_code == 400
    assert set(response.json()) == {"business_email", "services"}
    assert Business.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({}, "cvr", "Give the CVR number of the business you apply for."),
        ({"cvr": "12345678"}, "cvr", "This is not a valid CVR number: check the digits."),
        ({"cvr": "1234"}, "cvr", "A CVR number has exactly 8 digits."),
        ({"cvr": "USE-KNOWN", "received_at": "2999-01-01T09:00:00+01:00"}, "received_at",
         "The received date cannot be in the future."),
        ({"cvr": "USE-KNOWN", "channel": "post"}, "channel", "Choose how the request was received."),
    ],
)  # fmt: skip
def test_kes_staff_bad_input_stores_nothing(api, kes_user, catalogue, change, field, message):
    business = BusinessFactory()
    if change.get("cvr") == "USE-KNOWN":
        change = {**change, "cvr": business.cvr}
    api.force_authenticate(kes_user)
    response = api.post(CASES_URL, {**APPLICATION, "channel": "phone", **change}, **EN)
    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert Case.objects.count() == 0


def test_a_future_received_date_is_refused_in_danish_by_default(api, kes_user, catalogue):
    api.force_authenticate(kes_user)
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    body = {**APPLICATION, "cvr": BusinessFactory().cvr, "received_at": future}
    danish = api.post(CASES_URL, body).json()["received_at"]
    english = api.post(CASES_URL, body, **EN).json()["received_at"]
    assert english == ["The received date cannot be in the future."]
    assert len(danish) == 1
    assert Case.objects.count() == 0


def test_anonymous_cannot_apply(api, catalogue):
    response = api.post(CASES_URL, APPLICATION)
    assert response.status_code == 401
    assert Case.objects.count() == 0


@pytest.mark.parametrize("role", ["outsider_user", "pilot_user", "manager_user", "caseworker_user"])
def test_users_without_a_business_or_the_kes_role_may_not_apply(api, catalogue, role, request):
    api.force_authenticate(request.getfixturevalue(role))
    response = api.post(CASES_URL, {**APPLICATION, "cvr": BusinessFactory().cvr})
    assert response.status_code == 403
    assert Case.objects.count() == 0
