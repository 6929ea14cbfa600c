"""GET /api/v1/cases/<reference>/ carries ``star_meeting {status, starts_at, place, ics_url}``
or null; the ics_url serves the meeting's calendar file to whoever may see the case."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.cases.helpers import OUTDOOR, submit_case
from tests.cases.meeting_helpers import approved_meeting, plan

pytestmark = pytest.mark.django_db


def _get(user, reference):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(f"/api/v1/cases/{reference}/")


def test_a_case_without_a_meeting_has_null(business, business_user):
    case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    assert _get(business_user, case.reference).json()["star_meeting"] is None


def test_the_meeting_in_planning_then_planned(business, business_user, kes_user, client):
    meeting = approved_meeting(business, kes_user)
    reference = meeting.case.reference
    assert _get(business_user, reference).json()["star_meeting"] == {
        "status": "planning",
        "starts_at": None,
        "place": "",
        "ics_url": None,
    }
    starts = timezone.now().replace(microsecond=0) + timedelta(days=9)
    plan(meeting, kes_user, starts, place="Rådhuset")
    data = _get(business_user, reference).json()["star_meeting"]
    assert data["status"] == "planned" and data["place"] == "Rådhuset"
    assert data["starts_at"] is not None
    assert data["ics_url"].endswith(f"/cases/{reference}/meeting.ics")
    client.force_login(business_user)
    response = client.get(data["ics_url"])
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.content
