"""The figures of the fixed data set (``data``), computed by hand, on whichever database the
suite runs (PostgreSQL's percentile_cont or the SQLite fallback): run this module with and
without DATABASE_URL."""

import pytest

from cases.stats import selectors
from cases.stats.filters import parse_filters

from .data import (
    EXPECTED,
    EXPECTED_BACKLOG,
    EXPECTED_CHANNELS,
    EXPECTED_DEPARTMENTS,
    EXPECTED_TREND,
    PERIOD,
    TODAY,
    build,
)


@pytest.fixture
def data(catalogue):
    return build()


def _filters(scope=None, **params):
    departments, services = selectors.filter_choices(scope)
    form, filters = parse_filters(
        {**PERIOD, **params}, today=TODAY, departments=departments, services=services, scope=scope
    )
    assert form.is_valid(), form.errors
    return filters


def test_the_summary_matches_the_hand_computed_figures(data):
    summary = selectors.summary(_filters())
    for key, value in EXPECTED.items():
        assert summary[key] == pytest.approx(value), key


def test_the_figures_per_department(data):
    rows = {row["code"]: row for row in selectors.by_group(_filters(), "department")}
    assert set(rows) == set(EXPECTED_DEPARTMENTS)
    for code, expected in EXPECTED_DEPARTMENTS.items():
        for key, value in expected.items():
            assert rows[code][key] == pytest.approx(value), (code, key)


def test_the_figures_per_service_of_one_department(data):
    rows = selectors.by_group(_filters(department="building"), "service")
    assert [(row["code"], row["decided"], row["within"]) for row in rows] == [
        ("road_occupation", 3, 2)
    ]


def test_the_trend_has_every_month_of_the_period(data):
    rows = selectors.trend(_filters())
    assert [(r["month"].month, r["decided"], r["within"]) for r in rows] == EXPECTED_TREND
    assert rows[0]["net_p50"] == pytest.approx(5.5)  # January: net 5 and 6
    assert rows[5]["net_p50"] is None


def test_the_backlog_by_age_and_share_of_target_used(data):
    assert selectors.backlog(_filters(), TODAY) == EXPECTED_BACKLOG


def test_the_channel_mix_counts_cases_and_tasks(data):
    rows = selectors.channels(_filters())
    assert {r["channel"]: (r["cases"], r["tasks"]) for r in rows} == EXPECTED_CHANNELS


def test_track_and_channel_filters_narrow_the_figures(data):
    assert selectors.summary(_filters(track="assisted"))["decided"] == 2
    assert selectors.summary(_filters(track="assisted"))["within"] == 1
    assert selectors.summary(_filters(channel="phone"))["decided"] == 2


def test_a_lead_is_held_to_their_departments(data):
    summary = selectors.summary(_filters(scope=frozenset({"city_use"})))
    assert (summary["decided"], summary["within"]) == (6, 3)
    departments, _ = selectors.filter_choices(frozenset({"city_use"}))
    form, filters = parse_filters(
        {**PERIOD, "department": "building"},
        today=TODAY,
        departments=departments,
        services=[],
        scope=frozenset({"city_use"}),
    )
    assert "department" in form.errors
    assert filters.departments() == {"city_use"}


def test_the_tasks_behind_a_figure(data):
    filters = _filters()
    assert selectors.tasks_behind(filters, "within", TODAY).count() == 5
    assert selectors.tasks_behind(filters, "over", TODAY).count() == 3
    assert selectors.tasks_behind(filters, "age:0-7", TODAY).count() == 2
    assert selectors.tasks_behind(filters, "use:waiting", TODAY).count() == 1
    with pytest.raises(KeyError):
        selectors.tasks_behind(filters, "nonsense", TODAY)


def test_no_decisions_give_empty_figures(catalogue):
    summary = selectors.summary(_filters())
    assert (summary["decided"], summary["share_within"], summary["net_p50"]) == (0, None, None)
    assert summary["requests_per_case"] is None
