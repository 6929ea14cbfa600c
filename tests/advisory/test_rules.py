"""The pure rules of free advice, as tables."""

from datetime import date, datetime, time, timedelta

import pytest

from advisory.rules import (
    COPENHAGEN,
    Away,
    Checked,
    Weekly,
    expand_availability,
    fill_rate,
    no_show_rate,
    offer_expires_at,
    offer_hours,
    seats_to_offer,
    survival,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=COPENHAGEN)
FAR = NOW + timedelta(days=30)


@pytest.mark.parametrize(
    ("hours", "expected"), [(None, 48), (48, 48), (6, 6), (5, 6), (0, 6), (72, 72)]
)
def test_offer_hours_default_and_floor(hours, expected):
    assert offer_hours(hours) == expected


@pytest.mark.parametrize(
    ("hours", "starts", "expected"),
    [
        (None, FAR, NOW + timedelta(hours=48)),
        (6, FAR, NOW + timedelta(hours=6)),
        (1, FAR, NOW + timedelta(hours=6)),  # never under six hours
        (48, NOW + timedelta(hours=10), NOW + timedelta(hours=10)),  # never after the start
    ],
)
def test_offer_expiry(hours, starts, expected):
    assert offer_expires_at(NOW, hours, starts) == expected


@pytest.mark.parametrize(
    ("capacity", "holding", "waiting", "expected"),
    [(10, 10, 3, 0), (10, 9, 3, 1), (10, 8, 3, 2), (10, 0, 3, 3), (10, 12, 3, 0), (5, 3, 0, 0)],
)
def test_seats_to_offer(capacity, holding, waiting, expected):
    assert seats_to_offer(capacity=capacity, holding=holding, waiting=waiting) == expected


MONDAY = date(2026, 3, 2)
TUESDAYS = Weekly(1, time(9), time(12), 60, MONDAY)


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=COPENHAGEN)


@pytest.mark.parametrize(
    ("rules", "away", "first", "last", "expected"),
    [
        # Two Tuesdays, three one-hour slots each.
        (
            [TUESDAYS],
            [],
            MONDAY,
            MONDAY + timedelta(days=9),
            [
                (at(d, h), at(d, h + 1))
                for d in (date(2026, 3, 3), date(2026, 3, 10))
                for h in (9, 10, 11)
            ],
        ),
        # A whole day away.
        (
            [TUESDAYS],
            [Away(date(2026, 3, 3))],
            MONDAY,
            MONDAY + timedelta(days=6),
            [],
        ),
        # Away 10:30–11:00 takes only the 10 o'clock slot.
        (
            [TUESDAYS],
            [Away(date(2026, 3, 3), time(10, 30), time(11))],
            MONDAY,
            MONDAY + timedelta(days=6),
            [
                (at(date(2026, 3, 3), 9), at(date(2026, 3, 3), 10)),
                (at(date(2026, 3, 3), 11), at(date(2026, 3, 3), 12)),
            ],
        ),
        # 45-minute slots from 9 to 10:40: two fit, a third would run past the end.
        (
            [Weekly(1, time(9), time(10, 40), 45, MONDAY)],
            [],
            MONDAY,
            MONDAY + timedelta(days=6),
            [
                (at(date(2026, 3, 3), 9), at(date(2026, 3, 3), 9, 45)),
                (at(date(2026, 3, 3), 9, 45), at(date(2026, 3, 3), 10, 30)),
            ],
        ),
        # Valid until the first Tuesday only.
        (
            [Weekly(1, time(9), time(10), 60, MONDAY, date(2026, 3, 4))],
            [],
            MONDAY,
            MONDAY + timedelta(days=20),
            [(at(date(2026, 3, 3), 9), at(date(2026, 3, 3), 10))],
        ),
        # Not before it starts; two identical rules give each slot once.
        (
            [Weekly(1, time(9), time(10), 60, date(2026, 3, 5))] * 2,
            [],
            MONDAY,
            MONDAY + timedelta(days=9),
            [(at(date(2026, 3, 10), 9), at(date(2026, 3, 10), 10))],
        ),
        # Across the change to summer time (29 March 2026): still 9:00 local.
        (
            [Weekly(0, time(9), time(10), 60, date(2026, 3, 23))],
            [],
            date(2026, 3, 23),
            date(2026, 3, 30),
            [
                (at(date(2026, 3, 23), 9), at(date(2026, 3, 23), 10)),
                (at(date(2026, 3, 30), 9), at(date(2026, 3, 30), 10)),
            ],
        ),
    ],
)
def test_expand_availability(rules, away, first, last, expected):
    assert expand_availability(rules, away, first=first, last=last) == expected


def test_summer_time_slot_is_nine_local():
    ((start, _end),) = expand_availability(
        [Weekly(0, time(9), time(10), 60, date(2026, 3, 30))],
        [],
        first=date(2026, 3, 30),
        last=date(2026, 3, 30),
    )
    assert start.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("seats", "taken", "expected"),
    [(0, 0, None), (10, 5, 0.5), (10, 10, 1.0), (10, 12, 1.0), (3, 1, 0.333)],
)
def test_fill_rate(seats, taken, expected):
    assert fill_rate(seats=seats, taken=taken) == expected


@pytest.mark.parametrize(
    ("expected", "attended", "rate"), [(0, 0, None), (10, 8, 0.2), (10, 10, 0.0), (4, 0, 1.0)]
)
def test_no_show_rate(expected, attended, rate):
    assert no_show_rate(expected=expected, attended=attended) == rate


@pytest.mark.parametrize(
    ("checks", "expected"),
    [
        ([], {1: None, 2: None, 3: None}),
        (
            [Checked(2020, 2021, True), Checked(2020, 2022, True), Checked(2020, 2023, False)],
            {1: 1.0, 2: 1.0, 3: 0.0},
        ),
        (
            [
                Checked(2020, 2021, True),
                Checked(2021, 2022, False),
                Checked(2019, 2020, True),
                Checked(2020, 2020, True),
            ],
            {1: 0.667, 2: None, 3: None},
        ),
    ],
)
def test_survival(checks, expected):
    assert survival(checks) == expected
