from datetime import UTC, date, datetime, timedelta, timezone

import holidays
import pytest

from routing.calendar import (
    add_business_days,
    business_days_between,
    calendar_days_between,
    deadline,
    deadline_after_paused_units,
    deadline_with_pauses,
    is_business_day,
    local_date,
    target_units,
    units_between,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 7), False),  # Saturday
        (date(2026, 3, 8), False),  # Sunday
        (date(2026, 3, 9), True),  # Monday
        (date(2026, 4, 2), False),  # Maundy Thursday
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 4, 7), True),
        (date(2026, 5, 14), False),  # Ascension Day
        (date(2026, 5, 15), True),  # Friday after Ascension: not a public holiday
        (date(2026, 5, 25), False),  # Whit Monday
        (date(2023, 5, 5), False),  # Store Bededag 2023, still a holiday
        (date(2024, 4, 26), True),  # Store Bededag abolished from 2024
        (date(2026, 6, 5), False),  # Constitution Day (closing day), a Friday
        (date(2025, 12, 24), False),  # Christmas Eve (closing day), a Wednesday
        (date(2025, 12, 25), False),  # Christmas Day
        (date(2025, 12, 26), False),  # Boxing Day
        (date(2025, 12, 31), False),  # New Year's Eve (closing day)
        (date(2026, 1, 1), False),  # New Year's Day
        (date(2026, 1, 2), True),
    ],
)
def test_is_business_day(day, expected):
    assert is_business_day(day) is expected


def test_package_facts_behind_the_table():
    dk = holidays.country_holidays("DK", years=[2023, 2024, 2026])
    assert date(2023, 5, 5) in dk
    assert date(2024, 4, 26) not in dk
    assert date(2026, 5, 15) not in dk


@pytest.mark.parametrize(
    ("closing_days", "day", "expected"),
    [
        ((), date(2026, 12, 24), True),  # Thursday, no closing days
        ((), date(2026, 12, 25), False),  # still a public holiday
        (["christmas_eve"], date(2026, 12, 24), False),
        (["christmas_eve"], date(2026, 6, 5), True),
        (("new_years_eve", "constitution_day"), date(2026, 6, 5), False),
    ],
)
def test_closing_days_are_configurable(closing_days, day, expected):
    assert is_business_day(day, closing_days=closing_days) is expected


@pytest.mark.parametrize("closing_days", [("easter_saturday",), ["christmas_eve", "xmas"]])
def test_unknown_closing_day_is_rejected(closing_days):
    with pytest.raises(ValueError, match="Unknown closing day"):
        is_business_day(date(2026, 3, 9), closing_days=closing_days)
    with pytest.raises(ValueError, match="Unknown closing day"):
        deadline(date(2026, 3, 9), 1, "business", closing_days=closing_days)


@pytest.mark.parametrize(
    ("received", "days", "unit", "expected"),
    [
        (date(2026, 3, 6), 1, "business", date(2026, 3, 9)),  # Friday -> Monday
        (date(2026, 3, 7), 1, "business", date(2026, 3, 9)),  # Saturday -> Monday
        (date(2026, 3, 9), 1, "business", date(2026, 3, 10)),  # received day never counts
        (date(2026, 3, 9), 0, "business", date(2026, 3, 9)),
        # Wed 23 Dec: 24 closed, 25 holiday, 26-27 weekend; 28, 29, 30 count.
        (date(2026, 12, 23), 3, "business", date(2026, 12, 30)),
        # ... then 31 closed, 1 Jan holiday, 2-3 Jan weekend.
        (date(2026, 12, 23), 4, "business", date(2027, 1, 4)),
        # Mon 30 Mar: 31 Mar, 1 Apr, then 2-6 Apr closed; 20th is 30 Apr.
        (date(2026, 3, 30), 20, "business", date(2026, 4, 30)),
        (date(2026, 3, 30), 20, "calendar", date(2026, 4, 19)),
        (date(2026, 12, 23), 3, "calendar", date(2026, 12, 26)),
        (date(2026, 3, 7), 0, "calendar", date(2026, 3, 7)),
    ],
)
def test_deadline(received, days, unit, expected):
    assert deadline(received, days, unit) == expected


def test_unknown_unit_is_rejected():
    with pytest.raises(ValueError, match="Unknown unit"):
        deadline(date(2026, 3, 9), 1, "months")
    with pytest.raises(ValueError, match="Unknown unit"):
        units_between(date(2026, 3, 9), date(2026, 3, 10), "months")


def test_negative_business_days_are_rejected():
    with pytest.raises(ValueError):
        add_business_days(date(2026, 3, 9), -1)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 3, 9), 0, date(2026, 3, 9)),
        (date(2026, 3, 7), 0, date(2026, 3, 7)),  # 0 returns start even on a weekend
        (date(2026, 3, 9), 5, date(2026, 3, 16)),
        (date(2026, 5, 13), 1, date(2026, 5, 15)),  # over Ascension
        (date(2026, 5, 22), 1, date(2026, 5, 26)),  # over Whit Monday
    ],
)
def test_add_business_days(start, n, expected):
    assert add_business_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "business", "calendar"),
    [
        (date(2026, 3, 9), date(2026, 3, 9), 0, 0),  # same day
        (date(2026, 3, 9), date(2026, 3, 10), 1, 1),  # next business day
        (date(2026, 3, 6), date(2026, 3, 9), 1, 3),  # Friday -> Monday over a weekend
        (date(2026, 3, 6), date(2026, 3, 7), 0, 1),  # Friday -> Saturday
        (date(2026, 3, 10), date(2026, 3, 9), 0, 0),  # end before start
        (date(2026, 3, 30), date(2026, 4, 30), 20, 31),  # across Easter
        (date(2026, 12, 23), date(2027, 1, 4), 4, 12),  # across Christmas and New Year
    ],
)
def test_units_between(start, end, business, calendar):
    assert business_days_between(start, end) == business
    assert calendar_days_between(start, end) == calendar
    assert units_between(start, end, "business") == business
    assert units_between(start, end, "calendar") == calendar


@pytest.mark.parametrize(
    ("received", "days", "unit", "pauses", "expected"),
    [
        # Plain deadline Mon 9 Mar; Wed -> Fri pause lasted 2 business days.
        (
            date(2026, 3, 2),
            5,
            "business",
            [(date(2026, 3, 4), date(2026, 3, 6))],
            date(2026, 3, 11),
        ),
        # A pause over a weekend lasts only its business days (Fri -> Mon = 1).
        (
            date(2026, 3, 2),
            5,
            "business",
            [(date(2026, 3, 6), date(2026, 3, 9))],
            date(2026, 3, 10),
        ),
        # Pauses add up.
        (
            date(2026, 3, 2),
            5,
            "business",
            [(date(2026, 3, 3), date(2026, 3, 4)), (date(2026, 3, 6), date(2026, 3, 9))],
            date(2026, 3, 11),
        ),
        # The moved deadline skips Easter: plain Mon 30 Mar + 3 -> Tue 7 Apr.
        (
            date(2026, 3, 23),
            5,
            "business",
            [(date(2026, 3, 24), date(2026, 3, 27))],
            date(2026, 4, 7),
        ),
        # A pause opened and closed on the same day costs nothing.
        (date(2026, 3, 2), 5, "business", [(date(2026, 3, 4), date(2026, 3, 4))], date(2026, 3, 9)),
        (date(2026, 3, 2), 5, "business", [], date(2026, 3, 9)),
        # Calendar days: plain 12 Mar, Fri -> Mon pause lasted 3 days.
        (
            date(2026, 3, 2),
            10,
            "calendar",
            [(date(2026, 3, 6), date(2026, 3, 9))],
            date(2026, 3, 15),
        ),
    ],
)
def test_deadline_with_pauses(received, days, unit, pauses, expected):
    assert deadline_with_pauses(received, days, unit, pauses) == expected


def test_deadline_with_pauses_honours_closing_days():
    # Plain deadline Wed 23 Dec; one paused business day lands on 24 Dec only without closings.
    pauses = [(date(2026, 12, 14), date(2026, 12, 15))]
    received = date(2026, 12, 16)
    assert deadline_with_pauses(received, 5, "business", pauses) == date(2026, 12, 28)
    assert deadline_with_pauses(received, 5, "business", pauses, closing_days=()) == date(
        2026, 12, 24
    )


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 6, 30, 21, 30, tzinfo=UTC), date(2026, 6, 30)),  # 23:30 CEST
        (datetime(2026, 6, 30, 22, 30, tzinfo=UTC), date(2026, 7, 1)),  # 00:30 CEST
        (datetime(2026, 12, 31, 22, 59, tzinfo=UTC), date(2026, 12, 31)),  # 23:59 CET
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2027, 1, 1)),  # 00:30 CET
        (datetime(2026, 7, 1, 1, 0, tzinfo=timezone(timedelta(hours=5))), date(2026, 6, 30)),
    ],
)
def test_local_date(moment, expected):
    assert local_date(moment) == expected


def test_local_date_rejects_naive_datetimes():
    with pytest.raises(ValueError):
        local_date(datetime(2026, 6, 30, 22, 30))


@pytest.mark.parametrize(
    ("received", "days", "unit", "expected"),
    [
        # A weeks target is 7 N calendar days, weekends and holidays included.
        (date(2026, 3, 9), 1, "weeks", date(2026, 3, 16)),
        (date(2026, 12, 21), 2, "weeks", date(2027, 1, 4)),
        (date(2026, 3, 9), 7, "calendar", date(2026, 3, 16)),
    ],
)
def test_weeks_are_seven_calendar_days(received, days, unit, expected):
    assert deadline(received, days, unit) == expected


def test_a_weeks_target_counts_its_time_in_calendar_days():
    assert units_between(date(2026, 3, 6), date(2026, 3, 9), "weeks") == 3
    assert target_units(2, "weeks") == 14
    assert target_units(2, "business") == 2
    # A pause of 3 calendar days moves a weeks target by 3 days, not 3 weeks.
    assert deadline_after_paused_units(date(2026, 3, 9), 1, "weeks", 3) == date(2026, 3, 19)
