"""The SLA clock (DESIGN.md §5): a task's gross, net and paused units; a case's net days."""

from datetime import date

import pytest

from routing.calendar import DEFAULT_CLOSING_DAYS
from routing.clock import TaskDays, TaskSpan, case_net_days, case_paused_days, task_days

CLOSING = DEFAULT_CLOSING_DAYS
# March 2026: Monday 2, 9 and 16 are Mondays; Easter 2026 closes Thursday 2 April to Monday 6.
MON = date(2026, 3, 2)
FRI_NEXT = date(2026, 3, 13)  # 9 business days after MON


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)


@pytest.mark.parametrize(
    ("received", "end", "paused_units", "paused_since", "unit", "expected"),
    [
        (MON, FRI_NEXT, 0, None, "business", (9, 9, 0)),
        (MON, FRI_NEXT, 2, None, "business", (9, 7, 2)),
        # A running pause counts up to the end: Thursday 12 and Friday 13.
        (MON, FRI_NEXT, 2, d(11), "business", (9, 5, 4)),
        # A pause that started today has cost nothing yet.
        (MON, FRI_NEXT, 0, FRI_NEXT, "business", (9, 9, 0)),
        (MON, FRI_NEXT, 3, None, "calendar", (11, 8, 3)),
        (MON, FRI_NEXT, 0, d(7), "calendar", (11, 5, 6)),
        # Net never goes below zero.
        (MON, FRI_NEXT, 20, None, "business", (9, 0, 20)),
        # Decided the day it was received.
        (MON, MON, 0, None, "business", (0, 0, 0)),
        # Easter: from Wednesday 1 April to Tuesday 7 April only the Tuesday counts.
        (d(1, 4), d(7, 4), 0, d(1, 4), "business", (1, 0, 1)),
    ],
)
def test_task_days(received, end, paused_units, paused_since, unit, expected):
    result = task_days(received, end, paused_units, paused_since, unit, closing_days=CLOSING)
    assert result == TaskDays(*expected)


def test_task_days_rejects_an_unknown_unit():
    with pytest.raises(ValueError):
        task_days(MON, FRI_NEXT, 0, None, "months", closing_days=CLOSING)


@pytest.mark.parametrize(
    ("received", "end", "tasks", "expected_net"),
    [
        pytest.param(MON, FRI_NEXT, [], 9, id="no tasks"),
        pytest.param(MON, FRI_NEXT, [(MON, None, [])], 9, id="one task, never paused"),
        # Waiting from Wednesday 4 to Monday 9: Thursday, Friday and Monday are left out.
        pytest.param(MON, FRI_NEXT, [(MON, None, [(d(4), d(9))])], 6, id="one task paused"),
        pytest.param(MON, FRI_NEXT, [(MON, None, [(d(4), None)])], 2, id="one task still waiting"),
        pytest.param(
            MON,
            FRI_NEXT,
            [(MON, None, [(d(4), d(9))]), (MON, None, [])],
            9,
            id="two tasks, only one waits",
        ),
        # A waits 5, 6, 9; B waits 6, 9, 10, 11: only 6 and 9 are days both wait.
        pytest.param(
            MON,
            FRI_NEXT,
            [(MON, None, [(d(4), d(9))]), (MON, None, [(d(5), d(11))])],
            7,
            id="both wait, overlapping",
        ),
        pytest.param(
            MON,
            FRI_NEXT,
            [(MON, None, [(d(3), d(5))]), (MON, None, [(d(9), d(11))])],
            9,
            id="both wait, never at the same time",
        ),
        # A is decided on Thursday 5; from Friday only B is open, and B waits 6, 9, 10.
        pytest.param(
            MON,
            FRI_NEXT,
            [(MON, d(5), []), (MON, None, [(d(4), d(10))])],
            6,
            id="the other task is decided while one waits",
        ),
        pytest.param(
            MON,
            FRI_NEXT,
            [(MON, None, [(d(3), d(4)), (d(10), d(12))])],
            6,
            id="two pauses of one task",
        ),
        # Waiting Friday 6 to Tuesday 10: the weekend is no business day anyway.
        pytest.param(MON, FRI_NEXT, [(MON, None, [(d(6), d(10))])], 7, id="weekend in pause"),
        # Received Monday 30 March, waiting Wednesday 1 to Tuesday 7 April over Easter:
        # of 2, 3, 6 and 7 April only Tuesday 7 is a business day.
        pytest.param(
            d(30), d(10, 4), [(d(30), None, [(d(1, 4), d(7, 4))])], 5, id="holidays in pause"
        ),
        # Christmas Eve and New Year's Eve are closing days: of the 5 business days (23, 29,
        # 30 December, 2 and 5 January) the task waits on 29, 30 December and 2 January.
        pytest.param(
            date(2025, 12, 22),
            date(2026, 1, 5),
            [(date(2025, 12, 22), None, [(date(2025, 12, 23), date(2026, 1, 2))])],
            2,
            id="closing days in pause",
        ),
        pytest.param(MON, FRI_NEXT, [(MON, None, [(d(4), d(4))])], 9, id="pause same day"),
        # Before the task is open nobody waits: Tuesday 3 counts, the rest is paused.
        pytest.param(
            MON, FRI_NEXT, [(d(3), None, [(d(3), None)])], 1, id="task opened after receipt"
        ),
        pytest.param(
            MON, MON, [(MON, None, [(MON, None)])], 0, id="decided the day it was received"
        ),
    ],
)
def test_case_net_days(received, end, tasks, expected_net):
    assert case_net_days(received, end, tasks, closing_days=CLOSING) == expected_net


def test_case_paused_days_takes_dataclass_like_tasks():
    tasks = [TaskSpan(MON, None, [(d(4), d(9))]), TaskSpan(start_on=MON, done_on=d(3))]
    assert case_paused_days(MON, FRI_NEXT, tasks, closing_days=CLOSING) == 3


def test_closing_days_come_from_the_caller():
    tasks = [(date(2025, 12, 22), None, [(date(2025, 12, 23), date(2025, 12, 29))])]
    start, end = date(2025, 12, 22), date(2025, 12, 29)
    # 24 December is a business day when the municipality does not close on it.
    assert case_paused_days(start, end, tasks, closing_days=()) == 2
    assert case_paused_days(start, end, tasks, closing_days=CLOSING) == 1
