"""The generator's clock state follows the application's rules (bench/generate/clock.py)."""

import random
from datetime import UTC, date, datetime

import pytest

from bench.generate.clock import complete_date, decision_national_days, notified, task_clock
from routing.sla import warning_date


class FakeGenerator:
    closing_days = ("constitution_day", "christmas_eve", "new_years_eve")

    def __init__(self):
        self.clock_rng = random.Random(1)

    def warning_on(self, received_on, days, unit, paused_units):
        if not days:
            return None
        return warning_date(
            received_on, days, unit, paused_units, share="0.75", closing_days=self.closing_days
        )


@pytest.mark.parametrize(
    ("day", "end", "expected"),
    [
        # 00:10 Copenhagen (winter: UTC+1) of the first day, if the task was still open then
        (
            date(2026, 1, 5),
            datetime(2026, 1, 6, tzinfo=UTC),
            datetime(2026, 1, 4, 23, 10, tzinfo=UTC),
        ),
        (date(2026, 1, 5), datetime(2026, 1, 4, 23, 0, tzinfo=UTC), None),
        (None, datetime(2026, 1, 6, tzinfo=UTC), None),
    ],
)
def test_a_milestone_is_notified_just_after_midnight_while_the_task_is_open(day, end, expected):
    assert notified(day, end) == expected


def test_an_unchecked_task_has_no_complete_date_and_others_never_after_their_last_day():
    rng = random.Random(1)
    received, last = date(2026, 3, 2), date(2026, 3, 4)
    assert complete_date(rng, "open", received, last) is None
    for status in ("in_review", "waiting", "done"):
        for _ in range(200):
            day = complete_date(rng, status, received, last)
            assert day is None and status == "done" or received <= day <= last


def test_a_task_decided_late_was_warned_and_breached_and_its_national_days_start_at_complete():
    t = {"target_days": 10, "target_unit": "business"}
    received, deadline_on = date(2026, 3, 2), date(2026, 3, 16)
    decided_at = datetime(2026, 3, 20, 10, tzinfo=UTC)
    clock = task_clock(
        FakeGenerator(),
        t,
        status="done",
        received_on=received,
        deadline_on=deadline_on,
        paused_units=0,
        paused_at=None,
        end_at=decided_at,
    )
    assert clock["warning_on"] == date(2026, 3, 12)  # 8 of 10 business days
    assert clock["milestones"] == [
        ("warning", datetime(2026, 3, 11, 23, 10, tzinfo=UTC)),
        ("breach", datetime(2026, 3, 16, 23, 10, tzinfo=UTC)),
    ]
    clock["complete_on"] = date(2026, 3, 4)
    pause = (date(2026, 3, 6), date(2026, 3, 9))  # 3 calendar days
    assert decision_national_days(clock, received, decided_at, pause) == 16 - 3
    clock["complete_on"] = None  # decided without a check: from the received date
    assert decision_national_days(clock, received, decided_at, None) == 18


def test_a_task_decided_after_its_warning_before_its_deadline_has_the_warning_only():
    t = {"target_days": 10, "target_unit": "business"}
    clock = task_clock(
        FakeGenerator(),
        t,
        status="done",
        received_on=date(2026, 3, 2),
        deadline_on=date(2026, 3, 16),
        paused_units=0,
        paused_at=None,
        end_at=datetime(2026, 3, 14, 10, tzinfo=UTC),
    )
    assert clock["milestones"] == [("warning", datetime(2026, 3, 11, 23, 10, tzinfo=UTC))]


def test_a_waiting_task_is_not_notified_after_its_pause_began():
    t = {"target_days": 10, "target_unit": "business"}
    clock = task_clock(
        FakeGenerator(),
        t,
        status="waiting",
        received_on=date(2026, 3, 2),
        deadline_on=date(2026, 3, 16),
        paused_units=0,
        paused_at=datetime(2026, 3, 10, 9, tzinfo=UTC),
        end_at=datetime(2026, 4, 1, tzinfo=UTC),
    )
    assert clock["milestones"] == []
    assert clock["complete_on"] <= date(2026, 3, 10)
