"""Every decision carries its task's statistics' columns (``decision_facts``), whichever
path wrote it, and the migration's backfill fills them by the same rule."""

from importlib import import_module

import pytest
from django.db import connection
from django.utils import timezone

from cases.constants import Track
from cases.models import Decision, InformationRequest
from cases.services import case_track_override, task_decide
from cases.stats import selectors
from cases.stats.filters import StatsFilters
from tests.cases.helpers import A_SIGN, APPROVE, OUTDOOR, submit_case, worker

from .data import EXPECTED, EXPECTED_CHANNELS, EXPECTED_DEPARTMENTS, TODAY, build, facts_differing

backfill = import_module("cases.migrations.0016_decision_statistics_columns").backfill


def _filters():
    return StatsFilters(date_from=TODAY.replace(month=1, day=1), date_to=TODAY.replace(day=30))


def test_deciding_fills_the_decision_with_the_task_facts(catalogue, business, business_user):
    case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    task = case.tasks.get()
    InformationRequest.objects.create(
        task=task,
        text="Tegning",
        due_on=timezone.localdate(),
        requested_by=worker("city_use"),
        answered_at=timezone.now(),
    )
    decision = task_decide(task=task, by=worker("city_use"), **APPROVE)
    decision.refresh_from_db()
    assert (decision.department_id, decision.case_id) == (task.department_id, case.pk)
    assert decision.service_id == task.case_service.service_id
    assert (decision.track, decision.channel) == (case.track, case.channel)
    assert decision.has_target and decision.within_target
    assert decision.requests == 1
    assert facts_differing(Decision.objects.all()) == []


def test_a_track_override_moves_the_decided_tasks_with_the_case(catalogue, business, kes_user):
    case = submit_case(
        business, kes_user, ["outdoor_serving", "a_sign"], {**OUTDOOR, **A_SIGN}, channel="phone"
    )
    assert case.track == Track.ASSISTED
    first = case.tasks.select_related("department").first()
    task_decide(task=first, by=worker(first.department.code), **APPROVE)
    case_track_override(case=case, by=kes_user, track=Track.SELF_SERVICE, reason="Kan selv")
    assert Decision.objects.get().track == Track.SELF_SERVICE
    assert facts_differing(Decision.objects.all()) == []


def test_the_builder_of_the_figures_decides_with_the_facts(catalogue):
    build()
    assert facts_differing(Decision.objects.all()) == []


def test_the_backfill_gives_the_same_columns_and_figures(catalogue):
    build()
    before = list(Decision.objects.order_by("pk").values())
    Decision.objects.update(
        track=Track.IMMEDIATE,
        channel="phone",
        has_target=False,
        within_target=True,
        requests=9,
        service=None,
    )
    assert facts_differing(Decision.objects.all())
    assert backfill(connection) == len(before)
    assert list(Decision.objects.order_by("pk").values()) == before
    summary = selectors.summary(_filters())
    assert {key: summary[key] for key in EXPECTED} == pytest.approx(EXPECTED)
    groups = {row["code"]: row for row in selectors.by_group(_filters(), "department")}
    for code, expected in EXPECTED_DEPARTMENTS.items():
        assert {key: groups[code][key] for key in expected} == pytest.approx(expected)
    channels = {
        row["channel"]: (row["cases"], row["tasks"]) for row in selectors.channels(_filters())
    }
    assert channels == EXPECTED_CHANNELS
