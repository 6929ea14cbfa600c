"""The public processing-time figures (issue 15): computed in the database from a data set
whose figures were worked out by hand, on PostgreSQL and SQLite alike."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import processing_times as rules
from cases.models import ProcessingTimeFigure
from cases.services.processing_times import processing_times_refresh
from cases.tasks import processing_times_refresh as refresh_task
from tests.cases.processing_time_helpers import at, decided

TODAY = date(2026, 6, 15)
START, END = date(2025, 6, 15), date(2026, 6, 14)


@pytest.mark.parametrize(
    ("today", "period"),
    [
        (date(2026, 6, 15), (date(2025, 6, 15), date(2026, 6, 14))),
        (date(2026, 1, 1), (date(2025, 1, 1), date(2025, 12, 31))),
        (date(2028, 3, 1), (date(2027, 3, 1), date(2028, 2, 29))),  # ends on a 29 February
        (date(2029, 3, 1), (date(2028, 2, 29), date(2029, 2, 28))),  # holds a leap day
    ],
)
def test_the_period_is_the_twelve_months_before_today(today, period):
    assert rules.rolling_period(today) == period


@pytest.mark.parametrize(
    ("net", "days", "unit", "within"),
    [
        (20, 20, "business", True),
        (21, 20, "business", False),
        (14, 2, "weeks", True),  # two weeks hold 14 calendar days
        (15, 2, "weeks", False),
        (40, 40, "calendar", True),
        (0, 1, "calendar", True),
    ],
)
def test_within_target_is_net_at_most_the_target(net, days, unit, within):
    assert rules.is_within_target(net, days, unit) is within


@pytest.mark.parametrize(
    ("within", "decided", "percent"),
    [(4, 5, 80), (199, 200, 99), (200, 200, 100), (0, 7, 0), (1, 3, 33), (0, 0, None)],
)
def test_share_within_target_is_rounded_down(within, decided, percent):
    assert rules.percent_within(within, decided) == percent


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], None), ([7], 7), ([3, 1, 2], 2), ([4, 1, 3, 2], Fraction(5, 2)), ([8, 8, 100], 8)],
)
def test_median_is_the_middle_value(values, expected):
    assert rules.median(values) == expected


@pytest.mark.parametrize(("decided", "reportable"), [(4, False), (5, True), (0, False)])
def test_too_few_decided_tasks_are_not_reported(decided, reportable):
    assert rules.is_reportable(decided, 5) is reportable


@pytest.fixture
def data_set(catalogue):
    """outdoor_serving (20 business days): nets 3 8 8 12 25, gross 5 8 10 12 30 → median
    net 8, gross 10, 4 of 5 within. a_sign (10 business days): nets 2 4 11 15, gross
    2 6 11 20 → medians 7.5 and 8.5, 2 of 4 within. facade_sign: nets 10 (40 calendar days),
    14 and 15 (tasks with a two-week target), 40 and 41 (40 calendar days) → median 15,
    3 of 5 within. Outside the count: decided before the period, decided today, a task
    without a target."""
    inside = at(START, 0, 0)
    for net, gross in [(3, 5), (8, 8), (8, 10), (12, 12), (25, 30)]:
        decided("outdoor_serving", net=net, gross=gross, decided_at=at(date(2026, 3, 2)))
    decided("outdoor_serving", net=1, decided_at=at(START - timedelta(days=1), 23, 59))
    decided("outdoor_serving", net=1, decided_at=at(TODAY, 0, 0))
    decided("outdoor_serving", net=1, decided_at=inside, days=0)
    for net, gross in [(2, 2), (4, 6), (11, 11), (15, 20)]:
        decided("a_sign", net=net, gross=gross, decided_at=inside)
    decided("facade_sign", net=10, decided_at=at(END, 23, 59))
    decided("facade_sign", net=14, decided_at=inside, days=2, unit="weeks")
    decided("facade_sign", net=15, decided_at=inside, days=2, unit="weeks")
    decided("facade_sign", net=40, decided_at=inside)
    decided("facade_sign", net=41, decided_at=inside)


def _figures():
    return {
        f.service.code: (f.decided_count, f.within_count, f.median_net, f.median_gross, f.unit)
        for f in ProcessingTimeFigure.objects.select_related("service")
    }


def test_the_figures_of_the_hand_computed_data_set(data_set):
    processing_times_refresh(today=TODAY)
    figures = _figures()
    assert figures["outdoor_serving"] == (5, 4, Decimal("8"), Decimal("10"), "business")
    assert figures["a_sign"] == (4, 2, Decimal("7.5"), Decimal("8.5"), "business")
    assert figures["facade_sign"] == (5, 3, Decimal("15"), Decimal("15"), "calendar")
    # Every service has its row; one without decisions has no medians.
    assert figures["road_occupation"] == (0, 0, None, None, "business")
    row = ProcessingTimeFigure.objects.get(service__code="a_sign")
    assert (row.period_start, row.period_end) == (START, END)


def test_running_the_refresh_twice_gives_the_same_rows(data_set):
    processing_times_refresh(today=TODAY)
    first = list(ProcessingTimeFigure.objects.order_by("service_id").values())
    refresh_task.apply().get()  # the beat task, today's period: other figures, same rows
    processing_times_refresh(today=TODAY)
    again = list(ProcessingTimeFigure.objects.order_by("service_id").values())
    strip = [{k: v for k, v in row.items() if k != "refreshed_at"} for row in first]
    assert [{k: v for k, v in row.items() if k != "refreshed_at"} for row in again] == strip


def test_a_service_whose_decisions_leave_the_period_is_emptied(data_set):
    processing_times_refresh(today=TODAY)
    processing_times_refresh(today=TODAY + timedelta(days=400))
    assert _figures()["outdoor_serving"] == (0, 0, None, None, "business")


def test_the_refresh_is_one_statement(data_set):
    with CaptureQueriesContext(connection) as queries:
        processing_times_refresh(today=TODAY)
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 1
