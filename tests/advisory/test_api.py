"""The advisory API: anonymous lists, sign-up, booking and cancel for logged-in users, and
hostile input that is a 400, never a 500."""

import json

import pytest
from rest_framework.test import APIClient

from advisory.constants import BookingStatus, RegistrationStatus
from advisory.models import CounsellingBooking, Registration
from tests.factories import UserFactory

from .helpers import course, hub, session, sign_up, slot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def api():
    return APIClient()


def test_sessions_with_free_places_anonymous(api, django_assert_max_num_queries):
    ku = hub()
    free = session(capacity=2, place=ku, offering=course(title_en="Open"))
    full = session(capacity=1, offering=course(title_en="Full"))
    sign_up(full, 1)
    session(days=-3, offering=course(title_en="Past"))
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/advisory/sessions/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["id"] == free.pk
    assert item["course"]["title"] == "Open"
    assert item["free_places"] == 2
    assert item["place"]["name"] == ku.name
    assert item["online"] is False


def test_sessions_list_queries_constant(api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session(place=hub())
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/advisory/sessions/")
    for n in range(8):
        session(place=hub(f"H{n}"), offering=course(title_en=f"C{n}"))
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/advisory/sessions/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_free_slots_anonymous(api):
    advisor = UserFactory(username="t-anna", first_name="Anna", last_name="Rådgiver")
    free, taken = slot(advisor=advisor, hour=9), slot(advisor=advisor, hour=11)
    CounsellingBooking.objects.create(
        slot=taken,
        name="X",
        email="x@example.invalid",
        language="da",
        topic="starting",
        description="x",
    )
    response = api.get("/api/v1/advisory/slots/")
    assert response.status_code == 200
    assert [s["id"] for s in response.json()["results"]] == [free.pk]
    assert response.json()["results"][0]["advisor"] == "Anna Rådgiver"


def test_sign_up_and_cancel_need_login(api, business_user, other_business_user):
    on = session(capacity=1)
    assert api.post(
        f"/api/v1/advisory/sessions/{on.pk}/registrations/", {}, format="json"
    ).status_code in (401, 403)
    api.force_authenticate(business_user)
    response = api.post(f"/api/v1/advisory/sessions/{on.pk}/registrations/", {}, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == RegistrationStatus.CONFIRMED
    registration = Registration.objects.get()
    assert registration.email == business_user.email and registration.user == business_user
    again = api.post(f"/api/v1/advisory/sessions/{on.pk}/registrations/", {}, format="json")
    assert again.status_code == 400 and "email" in again.json()
    api.force_authenticate(other_business_user)
    assert api.delete(f"/api/v1/advisory/registrations/{registration.pk}/").status_code == 404
    api.force_authenticate(business_user)
    response = api.delete(f"/api/v1/advisory/registrations/{registration.pk}/")
    assert response.status_code == 200 and response.json()["status"] == RegistrationStatus.CANCELLED


def test_book_and_cancel(api, business_user, other_business_user):
    free = slot()
    body = {"topic": "permits", "description": "Outdoor serving"}
    assert api.post(
        f"/api/v1/advisory/slots/{free.pk}/bookings/", body, format="json"
    ).status_code in (401, 403)
    api.force_authenticate(business_user)
    response = api.post(f"/api/v1/advisory/slots/{free.pk}/bookings/", body, format="json")
    assert response.status_code == 201
    booking_id = response.json()["id"]
    taken = api.post(f"/api/v1/advisory/slots/{free.pk}/bookings/", body, format="json")
    assert taken.status_code == 400 and "slot" in taken.json()
    api.force_authenticate(other_business_user)
    assert api.delete(f"/api/v1/advisory/bookings/{booking_id}/").status_code == 404
    api.force_authenticate(business_user)
    response = api.delete(f"/api/v1/advisory/bookings/{booking_id}/")
    assert response.json()["status"] == BookingStatus.CANCELLED


@pytest.mark.parametrize(
    "raw",
    [
        '{"name": "A\\u0000"}',
        '{"name": "\\udfff"}',
        '{"name": {"a": {"b": [1]}}}',
        '{"email": ["x"]}',
        '{"cvr": 1e400}',
        '{"cvr": 1' + "0" * 200 + "}",
        '{"cvr": "99999999999999999999"}',
        "[" * 100 + "]" * 100,
        '"just a string"',
        '{"name": true}',
    ],
)
def test_hostile_sign_up_is_400(api, business_user, raw):
    on = session()
    api.force_authenticate(business_user)
    response = api.generic(
        "POST",
        f"/api/v1/advisory/sessions/{on.pk}/registrations/",
        raw,
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"topic": "astrology", "description": "x"},
        {"topic": ["permits"], "description": "x"},
        {"topic": "permits", "description": "x\u0000"},
        {"topic": "permits", "description": "x" * 5000},
        {"topic": "permits"},
        {"topic": 12, "description": {"a": 1}},
    ],
)
def test_hostile_booking_is_400(api, business_user, body):
    free = slot()
    api.force_authenticate(business_user)
    response = api.post(
        f"/api/v1/advisory/slots/{free.pk}/bookings/",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert not CounsellingBooking.objects.exists()


def test_unknown_ids_are_404_json(api, business_user):
    api.force_authenticate(business_user)
    response = api.post("/api/v1/advisory/sessions/999999/registrations/", {}, format="json")
    assert response.status_code == 404
    assert response.json()["detail"]
    assert api.post("/api/v1/advisory/slots/999999/bookings/", {}, format="json").status_code == 404
    assert api.delete("/api/v1/advisory/bookings/999999/").status_code == 404
    assert api.get("/api/v1/advisory/nothing/").status_code == 404
    huge = api.post(f"/api/v1/advisory/sessions/{10**30}/registrations/", {}, format="json")
    assert huge.status_code == 404
