"""Service-target rules (DESIGN.md §5): units, warning dates, milestones, the national clock,
with tables and properties (hypothesis) of the clock."""

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from routing.calendar import (
    DEFAULT_CLOSING_DAYS,
    deadline,
    deadline_after_paused_units,
    deadline_with_pauses,
    units_between,
)
from routing.clock import task_days
from routing.sla import (
    BREACH,
    WARNING,
    add_counted_units,
    milestone,
    national_days,
    share_used,
    warning_date,
    warning_units,
)

CLOSING = DEFAULT_CLOSING_DAYS


@pytest.mark.parametrize(
    ("received", "days", "unit", "closing", "expected"),
    [
        # The table: Christmas 2026 with and without the municipal closing days.
        (date(2026, 12, 21), 5, "business", CLOSING, date(2026, 12, 30)),
        (date(2026, 12, 21), 5, "business", (), date(2026, 12, 29)),
        # Received on a Saturday: counting starts on Monday.
        (date(2026, 12, 19), 5, "business", CLOSING, date(2026, 12, 29)),
        (date(2026, 3, 7), 1, "business", CLOSING, date(2026, 3, 9)),
        # Calendar days and weeks count every day.
        (date(2026, 12, 21), 5, "calendar", CLOSING, date(2026, 12, 26)),
        (date(2026, 12, 19), 2, "weeks", CLOSING, date(2027, 1, 2)),
        (date(2026, 3, 28), 1, "weeks", CLOSING, date(2026, 4, 4)),
    ],
)
def test_deadline_table(received, days, unit, closing, expected):
    assert deadline(received, days, unit, closing_days=closing) == expected


@pytest.mark.parametrize(
    ("days", "unit", "share", "expected"),
    [
        (10, "business", 0.75, 8),  # 7.5 rounded up
        (20, "business", 0.75, 15),
        (4, "weeks", 0.75, 21),  # 28 calendar days
        (1, "business", 0.75, 1),
        (10, "calendar", "0.5", 5),
        (3, "business", 1, 3),
    ],
)
def test_warning_units(days, unit, share, expected):
    assert warning_units(days, unit, share=share) == expected


@pytest.mark.parametrize("share", [0, -0.1, 1.5])
def test_warning_share_must_be_a_share(share):
    with pytest.raises(ValueError):
        warning_units(10, "business", share=share)


@pytest.mark.parametrize(
    ("received", "days", "unit", "paused", "expected"),
    [
        # Easter 2026: Thursday 2 to Monday 6 April are closed. Tuesday 24 March + 8.
        (date(2026, 3, 24), 10, "business", 0, date(2026, 4, 8)),
        # A finished pause of 2 units moves the warning by 2 units, like the deadline.
        (date(2026, 3, 24), 10, "business", 2, date(2026, 4, 10)),
        (date(2026, 3, 24), 2, "weeks", 0, date(2026, 4, 4)),  # 11 calendar days
        (date(2026, 3, 24), 10, "calendar", 3, date(2026, 4, 4)),  # 8 + 3 days
    ],
)
def test_warning_date(received, days, unit, paused, expected):
    assert warning_date(received, days, unit, paused, share=0.75, closing_days=CLOSING) == expected


@pytest.mark.parametrize(
    ("today", "waiting", "expected"),
    [
        (date(2026, 4, 7), False, None),
        (date(2026, 4, 8), False, WARNING),
        (date(2026, 4, 10), False, WARNING),  # the deadline day is within target
        (date(2026, 4, 11), False, BREACH),
        (date(2026, 4, 11), True, None),  # waiting: no milestone while paused
    ],
)
def test_milestone(today, waiting, expected):
    assert milestone(today, date(2026, 4, 8), date(2026, 4, 10), waiting=waiting) == expected


def test_share_used():
    assert share_used(5, 10, "business") == Fraction(1, 2)
    assert share_used(7, 1, "weeks") == 1
    assert share_used(3, 0, "business") == 0


@pytest.mark.parametrize(
    ("complete_on", "received", "decided", "pauses", "expected"),
    [
        (date(2026, 3, 5), date(2026, 3, 2), date(2026, 3, 20), [], 15),
        # No completeness check: counted from the received date.
        (None, date(2026, 3, 2), date(2026, 3, 20), [], 18),
        # A pause inside the span is left out; the part before complete_on is not counted twice.
        (
            date(2026, 3, 5),
            date(2026, 3, 2),
            date(2026, 3, 20),
            [(date(2026, 3, 10), date(2026, 3, 13))],
            12,
        ),
        (
            date(2026, 3, 5),
            date(2026, 3, 2),
            date(2026, 3, 20),
            [(date(2026, 3, 3), date(2026, 3, 7))],
            13,
        ),
        # Overlapping pauses count once; a running one runs to the decision.
        (
            None,
            date(2026, 3, 2),
            date(2026, 3, 12),
            [(date(2026, 3, 4), date(2026, 3, 8)), (date(2026, 3, 6), None)],
            2,
        ),
        (date(2026, 3, 20), date(2026, 3, 2), date(2026, 3, 20), [], 0),
    ],
)
def test_national_days(complete_on, received, decided, pauses, expected):
    assert national_days(complete_on, received, decided, pauses) == expected


# Properties of the clock --------------------------------------------------------------

days_2026 = st.dates(min_value=date(2025, 12, 1), max_value=date(2027, 2, 1))
units = st.sampled_from(["business", "calendar", "weeks"])


@st.composite
def spans(draw):
    """A received date, an end after it, and disjoint pauses inside."""
    received = draw(days_2026)
    length = draw(st.integers(min_value=0, max_value=80))
    end = received + timedelta(days=length)
    cuts = sorted(draw(st.lists(st.integers(min_value=0, max_value=length), max_size=6)))
    pauses = [
        (received + timedelta(days=a), received + timedelta(days=b))
        for a, b in zip(cuts[::2], cuts[1::2], strict=False)
    ]
    return received, end, pauses


@settings(max_examples=150, deadline=None)
@given(spans(), units)
def test_net_plus_paused_is_gross(span, unit):
    received, end, pauses = span
    paused = sum(units_between(a, b, unit, closing_days=CLOSING) for a, b in pauses)
    result = task_days(received, end, paused, None, unit, closing_days=CLOSING)
    assert result.net <= result.gross
    assert result.net + result.paused == result.gross
    assert result == task_days(received, end, paused, None, unit, closing_days=CLOSING)


@settings(max_examples=150, deadline=None)
@given(spans(), units, st.integers(min_value=1, max_value=30))
def test_deadline_moves_by_exactly_the_paused_units(span, unit, days):
    received, _end, pauses = span
    paused = sum(units_between(a, b, unit, closing_days=CLOSING) for a, b in pauses)
    moved = deadline_with_pauses(received, days, unit, pauses, closing_days=CLOSING)
    plain = deadline(received, days, unit, closing_days=CLOSING)
    assert units_between(plain, moved, unit, closing_days=CLOSING) == paused
    assert moved == deadline_after_paused_units(received, days, unit, paused, closing_days=CLOSING)


@settings(max_examples=100, deadline=None)
@given(spans(), units, st.integers(min_value=1, max_value=30), days_2026)
def test_zero_length_pause_changes_nothing(span, unit, days, day):
    received, end, pauses = span
    with_zero = [*pauses, (day, day)]
    assert deadline_with_pauses(
        received, days, unit, with_zero, closing_days=CLOSING
    ) == deadline_with_pauses(received, days, unit, pauses, closing_days=CLOSING)
    paused = sum(units_between(a, b, unit, closing_days=CLOSING) for a, b in with_zero)
    assert task_days(received, end, paused, end, unit, closing_days=CLOSING).paused == paused


@settings(max_examples=150, deadline=None)
@given(spans(), st.integers(min_value=0, max_value=40))
def test_national_clock_within_gross_calendar_days(span, complete_after):
    received, end, pauses = span
    complete_on = min(received + timedelta(days=complete_after), end)
    national = national_days(complete_on, received, end, pauses)
    assert 0 <= national <= units_between(received, end, "calendar")
    assert national == national_days(complete_on, received, end, pauses)


@settings(max_examples=100, deadline=None)
@given(days_2026, st.integers(min_value=0, max_value=40), units)
def test_add_counted_units_inverts_units_between(start, n, unit):
    counted = "business" if unit == "business" else "calendar"
    assert (
        units_between(
            start,
            add_counted_units(start, n, unit, closing_days=CLOSING),
            counted,
            closing_days=CLOSING,
        )
        == n
    )


@pytest.mark.parametrize(
    ("today", "n", "expected"),
    [
        (date(2026, 3, 13), 0, date(2026, 3, 13)),
        (date(2026, 3, 13), 5, date(2026, 3, 8)),  # due Fri 6 to Sun 8: 5 days by Fri 13
        (date(2026, 3, 16), 1, date(2026, 3, 15)),  # Monday: due Fri/Sat/Sun lapsed 1 day
        (date(2026, 4, 7), 1, date(2026, 4, 6)),  # Easter: the Tuesday after is day 1 after Wed 1
    ],
)
def test_lapse_cutoff(today, n, expected):
    from routing.calendar import add_business_days
    from routing.sla import lapse_cutoff

    cutoff = lapse_cutoff(today, n, closing_days=CLOSING)
    assert cutoff == expected
    assert add_business_days(cutoff, n, closing_days=CLOSING) <= today
    assert add_business_days(cutoff + timedelta(days=1), n, closing_days=CLOSING) > today
