"""The dashboard page: who may read it, what a lead sees, the drill-down, bad input, and a
query count that does not grow with the tasks."""

from datetime import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routing.calendar import COPENHAGEN

from .data import PERIOD, build, build_more

URL = "/staff/dashboard/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 6, 15, 12, tzinfo=COPENHAGEN), tick=False):
        yield


@pytest.fixture
def data(catalogue):
    return build()


def _get(client, user, url=URL, **params):
    client.force_login(user)
    return client.get(url, {**PERIOD, **params})


def test_the_urls_are_the_documented_ones():
    assert reverse("staff_dashboard") == URL
    assert reverse("dashboard_tasks") == "/staff/dashboard/tasks/"


def test_a_manager_sees_every_department(client, data, manager_user):
    response = _get(client, manager_user)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-group="city_use"' in html and 'data-group="building"' in html
    assert response.context["summary"]["decided"] == 9
    assert 'data-figure="decided"><a href="/staff/dashboard/tasks/?' in html
    assert 'data-chart="chart-groups"' in html and "<svg" in html


def test_a_lead_sees_only_their_department_and_cannot_widen_it(client, data, lead_user):
    response = _get(client, lead_user)
    assert response.status_code == 200
    assert response.context["summary"]["decided"] == 6
    assert "data-lead-scope" in response.content.decode()
    widened = _get(client, lead_user, department="building")
    assert widened.status_code == 200
    assert widened.context["summary"]["decided"] == 6
    assert "department" in widened.context["form"].errors
    tasks = _get(client, lead_user, reverse("dashboard_tasks"), department="building")
    assert tasks.context["page"].paginator.count == 6


@pytest.mark.parametrize("who", ["business_user", "caseworker_user", "kes_user", "pilot_user"])
def test_other_roles_get_403(client, catalogue, request, who):
    user = request.getfixturevalue(who)
    for url in (URL, reverse("dashboard_tasks"), reverse("dashboard_export") + "?table=summary"):
        client.force_login(user)
        assert client.get(url).status_code == 403, (who, url)


def test_anonymous_users_are_sent_to_login(client, catalogue):
    for url in (URL, "/en" + URL, reverse("dashboard_tasks"), reverse("dashboard_export")):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_the_english_page(client, data, manager_user):
    response = _get(client, manager_user, "/en" + URL)
    assert response.status_code == 200
    assert "Service-target dashboard" in response.content.decode()


def test_drill_down_department_then_service_then_tasks(client, data, manager_user):
    response = _get(client, manager_user, department="building")
    assert response.context["level"] == "service"
    (row,) = response.context["groups"]
    assert row["code"] == "road_occupation"
    client.force_login(manager_user)
    tasks = client.get(row["within_url"])
    assert tasks.status_code == 200
    assert tasks.context["page"].paginator.count == 2
    assert b"/staff/cases/KES-2026-9" in tasks.content


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-02-31"},
        {"to": "not-a-date"},
        {"from": "0001-01-01"},
        {"to": "9999-12-31"},
        {"department": "<script>"},
        {"track": "x" * 5000},
        {"page": "abc", "figure": "nonsense"},
    ],
)
def test_bad_input_never_breaks_the_pages(client, data, manager_user, params):
    assert _get(client, manager_user, **params).status_code == 200
    assert _get(client, manager_user, reverse("dashboard_tasks"), **params).status_code == 200


def test_the_query_count_does_not_grow_with_the_tasks(
    client, catalogue, manager_user, django_assert_num_queries
):
    builder = build()
    client.force_login(manager_user)
    client.get(URL, PERIOD)  # warms the session and the user's roles
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, PERIOD).status_code == 200
    build_more(builder, 40)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(URL, PERIOD)
    assert response.context["summary"]["decided"] == 49
    # percentile_cont in the aggregates on PostgreSQL; a value-count query per figure elsewhere
    assert len(small.captured_queries) <= (14 if connection.vendor == "postgresql" else 20)
