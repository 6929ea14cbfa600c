"""``GET /api/v1/stats/sla/``: the hand-computed figures, a lead's scope, access, bad input."""

from datetime import datetime

import pytest
import time_machine
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from routing.calendar import COPENHAGEN

from .data import EXPECTED, PERIOD, build

URL = "/api/v1/stats/sla/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 6, 15, 12, tzinfo=COPENHAGEN), tick=False):
        yield


@pytest.fixture
def data(catalogue):
    return build()


def _get(user, **params):
    api = APIClient()
    api.force_authenticate(user)
    return api.get(URL, {**PERIOD, **params})


def test_the_figures(data, manager_user):
    response = _get(manager_user)
    assert response.status_code == 200
    body = response.json()
    assert (body["decided"], body["within_target"], body["over_target"]) == (9, 5, 3)
    assert body["share_within_target"] == pytest.approx(EXPECTED["share_within"])
    assert body["gross"] == pytest.approx({"median": 12.0, "p90": 22.0})
    assert body["net"] == pytest.approx({"median": 10.0, "p90": 20.2})
    assert body["national"] == pytest.approx({"median": 9.5, "p90": 15.8})
    assert body["breaches"] == 3
    assert body["open_backlog"]["total"] == 5
    assert [band["count"] for band in body["open_backlog"]["by_age"]] == [2, 1, 1, 1]
    assert body["filters"]["from"] == "2026-01-01"


def test_the_filters_narrow(data, manager_user):
    assert _get(manager_user, department="building").json()["decided"] == 3
    assert _get(manager_user, service="outdoor_serving").json()["decided"] == 6
    assert _get(manager_user, track="assisted").json()["decided"] == 2


def test_a_lead_gets_their_own_department_only(data, lead_user):
    body = _get(lead_user).json()
    assert (body["decided"], body["filters"]["departments"]) == (6, ["city_use"])
    response = _get(lead_user, department="building")
    assert response.status_code == 400
    assert "department" in response.json()


@pytest.mark.parametrize(
    "params,field",
    [
        ({"from": "2026-02-30"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "1066-10-14"}, "from"),
        ({"to": "9999-01-01"}, "to"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to"),
        ({"department": "nowhere"}, "department"),
        ({"service": "x" * 300}, "service"),
        ({"track": "fast"}, "track"),
    ],
)
def test_bad_parameters_are_400_with_field_messages(data, manager_user, params, field):
    response = _get(manager_user, **params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(response.json()[field], list)


@pytest.mark.parametrize("who", ["business_user", "caseworker_user", "kes_user", "triage_user"])
def test_other_roles_get_403(catalogue, request, who):
    assert _get(request.getfixturevalue(who)).status_code == 403


def test_anonymous_is_401_and_a_token_works(catalogue, manager_user):
    assert APIClient().get(URL).status_code == 401
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=manager_user).key}")
    assert api.get(URL).status_code == 200
