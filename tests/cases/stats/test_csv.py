"""The dashboard's CSV exports: streamed, with the figures, same access, no formula cells."""

import csv
from datetime import datetime

import pytest
import time_machine
from django.http import StreamingHttpResponse
from django.urls import reverse

from routing.calendar import COPENHAGEN

from .data import PERIOD, build

URL = reverse("dashboard_export")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime(2026, 6, 15, 12, tzinfo=COPENHAGEN), tick=False):
        yield


@pytest.fixture
def data(catalogue):
    return build()


def _rows(client, user, **params):
    client.force_login(user)
    response = client.get(URL, {**PERIOD, **params})
    assert response.status_code == 200, response.content
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(text.splitlines()))


def test_every_table_exports(client, data, manager_user):
    summary = _rows(client, manager_user, table="summary")
    assert dict(zip(*summary, strict=True))["decided"] == "9"
    groups = _rows(client, manager_user, table="groups")
    assert [row[0] for row in groups[1:]] == ["building", "city_use"]
    assert len(_rows(client, manager_user, table="trend")) == 7
    assert len(_rows(client, manager_user, table="channels")) == 4
    assert _rows(client, manager_user, table="age")[1:] == [
        ["0-7", "2"],
        ["8-30", "1"],
        ["31-90", "1"],
        ["91+", "1"],
    ]
    assert len(_rows(client, manager_user, table="use")) == 6


def test_the_tasks_behind_a_figure_export(client, data, manager_user):
    rows = _rows(client, manager_user, table="tasks", figure="within")
    assert rows[0][0] == "case" and len(rows) == 6
    assert {row[1] for row in rows[1:]} == {"city_use", "building"}


def test_the_breached_at_column_is_the_recorded_breach(client, data, manager_user):
    """The sweep's breach row's time, in Copenhagen; empty without one (a warning is none)."""
    rows = _rows(client, manager_user, table="tasks", figure="decided")
    column = rows[0].index("breached_at")
    assert sorted(row[column] for row in rows[1:]) == [""] * 7 + [
        "2026-03-10T10:00:00+01:00",
        "2026-04-10T10:00:00+02:00",
    ]
    rows = _rows(client, manager_user, table="tasks", figure="breached")
    assert sorted(row[column] for row in rows[1:]) == [
        "2026-03-10T10:00:00+01:00",
        "2026-04-10T10:00:00+02:00",
        "2026-04-16T10:00:00+02:00",
    ]


def test_a_cell_starting_with_a_formula_gets_an_apostrophe(client, data, manager_user):
    from cases.models import Case

    Case.objects.filter(pk=data.business.cases.order_by("pk").first().pk).update(reference="=cmd|x")
    rows = _rows(client, manager_user, table="tasks", figure="decided")
    # the case of t1 and t6: two tasks
    assert [row[0] for row in rows if row[0].startswith("'")] == ["'=cmd|x"] * 2


def test_a_lead_exports_their_department_only(client, data, lead_user):
    rows = _rows(client, lead_user, table="tasks", figure="decided")
    assert {row[1] for row in rows[1:]} == {"city_use"}


@pytest.mark.parametrize(
    "params", [{"table": "nope"}, {"table": "tasks", "figure": "nope"}, {"from": "x"}]
)
def test_bad_input_is_400(client, data, manager_user, params):
    client.force_login(manager_user)
    assert client.get(URL, {**PERIOD, **params}).status_code == 400


def test_other_roles_get_403(client, catalogue, caseworker_user):
    client.force_login(caseworker_user)
    assert client.get(URL, {"table": "summary"}).status_code == 403
