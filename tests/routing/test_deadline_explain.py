"""Deadlines explain themselves (DESIGN.md §5) from the clock's inputs, in Danish and English."""

from datetime import date

import pytest
from django.utils import translation

from routing.calendar import DEFAULT_CLOSING_DAYS, deadline_with_pauses
from routing.deadline_explain import PauseInput, deadline_parts
from routing.deadline_text import deadline_text

CLOSING = DEFAULT_CLOSING_DAYS
DRAWINGS = PauseInput(date(2026, 5, 18), date(2026, 5, 21), "Send your drawings of the terrace")


def _text(language, *args, **kwargs):
    with translation.override(language):
        parts = deadline_parts(*args, closing_days=CLOSING, language=language, **kwargs)
        return parts, deadline_text(parts)


def test_parts_match_the_clock():
    parts, _text_ = _text(
        "en", date(2026, 5, 12), 10, "business", [DRAWINGS], today=date(2026, 6, 1)
    )
    assert parts.deadline == deadline_with_pauses(
        date(2026, 5, 12), 10, "business", [(DRAWINGS.start, DRAWINGS.end)], closing_days=CLOSING
    )
    assert parts.moved_units == 3
    assert [day for day, _name in parts.skipped] == [date(2026, 5, 14), date(2026, 5, 25)]


# Three cases, each in both languages: a pause and holidays; a Saturday start at Christmas
# (a closing day and a holiday); a weeks target with a running pause.
CASES = [
    (
        (date(2026, 5, 12), 10, "business", [DRAWINGS]),
        {
            "en": [
                "10 working days from Tuesday 12 May 2026",
                "the deadline is Tuesday 2 June 2026",
                "Moved 3 working days while waiting for the answer to “Send your drawings of the terrace”",
                "Ascension Day (14 May) and Pentecost Monday (25 May) are not counted.",
            ],
            "da": [
                "tirsdag 12",
                "maj 2026",
                "Kristi himmelfartsdag",
                "Anden pinsedag",
                "juni 2026",
            ],
        },
    ),
    (
        (date(2026, 12, 19), 5, "business", []),
        {
            "en": [
                "5 working days from Saturday 19 December 2026",
                "the deadline is Tuesday 29 December 2026",
                "counting starts on Monday 21 December 2026",
                "Christmas Eve (24 December) and Christmas Day (25 December) are not counted.",
            ],
            "da": ["lørdag 19", "mandag 21", "Juleaftensdag", "Juledag", "tirsdag 29"],
        },
    ),
    (
        (date(2026, 6, 1), 2, "weeks", [PauseInput(date(2026, 6, 3), None, "Send the fire plan")]),
        {
            "en": [
                "2 weeks from Monday 1 June 2026",
                "the deadline is Monday 15 June 2026",
                "14 calendar days",
                "Waiting since 3 June for the answer to “Send the fire plan”",
                "(5 calendar days so far)",
                "Every calendar day counts",
            ],
            "da": ["mandag 1", "juni 2026", "mandag 15", "Send the fire plan"],
        },
    ),
]


@pytest.mark.parametrize(("args", "expected"), CASES)
@pytest.mark.parametrize("language", ["en", "da"])
def test_explanation_text(args, expected, language):
    _parts, text = _text(language, *args, today=date(2026, 6, 8))
    for fragment in expected[language]:
        assert fragment in text, text


def test_calendar_targets_skip_nothing():
    parts, _t = _text("en", date(2026, 12, 21), 10, "calendar", [], today=date(2026, 12, 21))
    assert parts.skipped == ()
    assert parts.deadline == date(2026, 12, 31)
