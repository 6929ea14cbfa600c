"""The clock fields of ``GET /api/v1/cases/<reference>/`` (DESIGN.md §6): each task's
complete_on, warning_on and breached, and the national days of a decided task."""

from datetime import date, datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from cases.constants import Milestone, TaskKind
from cases.models import TaskMilestone
from cases.services import task_completeness_confirm, task_decide
from routing.calendar import COPENHAGEN
from tests.cases.helpers import OUTDOOR, submit_case, worker


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=COPENHAGEN)


def _get(user, case, day):
    api = APIClient()
    api.force_authenticate(user)
    with time_machine.travel(at(day), tick=False):
        response = api.get(f"/api/v1/cases/{case.reference}/")
    assert response.status_code == 200
    (task,) = response.json()["tasks"]
    return task


def test_the_clock_fields_of_a_task(business, business_user):
    with time_machine.travel(at(date(2026, 3, 24)), tick=False):
        case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    task = _get(business_user, case, date(2026, 3, 25))
    assert task["complete_on"] is None
    assert task["warning_on"] == "2026-04-17"
    assert task["deadline"] == "2026-04-24"
    assert (task["breached"], task["national_days"]) == (False, None)
    caseworker = worker("city_use")
    row = case.tasks.get(kind=TaskKind.DECISION)
    with time_machine.travel(at(date(2026, 3, 26)), tick=False):
        task_completeness_confirm(task=row, by=caseworker)
    assert _get(business_user, case, date(2026, 4, 24))["breached"] is False
    task = _get(business_user, case, date(2026, 4, 27))
    assert (task["complete_on"], task["breached"]) == ("2026-03-26", True)
    with time_machine.travel(at(date(2026, 4, 28)), tick=False):
        task_decide(task=row, by=caseworker, outcome="approved", statement="Ja.")
    task = _get(business_user, case, date(2026, 5, 4))
    assert task["national_days"] == 33
    assert task["breached"] is True  # 22 business days net on a target of 20


def test_a_notified_breach_is_breached_in_one_query_for_every_task(business, business_user):
    """The sweep's breach row (``TaskMilestone``) counts even once the deadline has moved
    on (an answered request pushes it); it is read with the tasks, not per task."""
    with time_machine.travel(at(date(2026, 3, 24)), tick=False):
        case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    row = case.tasks.get(kind=TaskKind.DECISION)
    _get(business_user, case, date(2026, 3, 25))  # what the first request reads once
    with CaptureQueriesContext(connection) as before:
        assert _get(business_user, case, date(2026, 3, 25))["breached"] is False
    TaskMilestone.objects.create(
        task=row, milestone=Milestone.WARNING, reached_at=at(date(2026, 3, 25))
    )
    TaskMilestone.objects.create(
        task=row, milestone=Milestone.BREACH, reached_at=at(date(2026, 3, 25))
    )
    with CaptureQueriesContext(connection) as after:
        assert _get(business_user, case, date(2026, 3, 25))["breached"] is True
    assert len(after) == len(before)
