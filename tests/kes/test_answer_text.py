"""A stored answer as a person reads it (kes.answer_text): pure, no database."""

import pytest
from django.utils import translation

from kes.answer_text import answer_text, long_dates


@pytest.mark.parametrize(
    ("lang", "value", "question_type", "shown"),
    [
        # a period within one month
        ("da", "2027-06-01/2027-06-30", "period", "1. juni 2027 – 30. juni 2027"),
        ("en", "2027-06-01/2027-06-30", "period", "1 June 2027 – 30 June 2027"),
        # a period across the end of a year
        ("da", "2027-12-15/2028-01-15", "period", "15. december 2027 – 15. januar 2028"),
        ("en", "2027-12-15/2028-01-15", "period", "15 December 2027 – 15 January 2028"),
        # one day
        ("da", "2027-06-01/2027-06-01", "period", "1. juni 2027 – 1. juni 2027"),
        ("da", "2027-05-01", "date", "1. maj 2027"),
        ("en", "2027-05-01", "date", "1 May 2027"),
        # malformed stored values: shown as they are, never an error
        ("da", "2027-06-01/2027-13-30", "period", "2027-06-01/2027-13-30"),
        ("en", "2027-06-01/", "period", "2027-06-01/"),
        ("en", "20270601/20270630", "period", "20270601/20270630"),
        ("en", "2027-06-01/2027-06-30/2027-07-31", "period", "2027-06-01/2027-06-30/2027-07-31"),
        ("en", "sometime in June", "period", "sometime in June"),
        ("en", {"from": "2027-06-01"}, "period", "{'from': '2027-06-01'}"),
        ("en", 20, "date", "20"),
        # empty
        ("da", "", "period", "–"),
        ("en", None, "period", "–"),
        # other types: a date-like text stays text; Yes/No in the language
        ("en", "2027-06-01/2027-06-30", "text", "2027-06-01/2027-06-30"),
        (
            "da",
            "Vesterbrogade 12, 1620 København V",
            "location",
            "Vesterbrogade 12, 1620 København V",
        ),
        ("da", True, "boolean", "Ja"),
        ("en", False, "boolean", "No"),
        ("en", 0, "integer", "0"),
    ],
)
def test_answers_read_in_the_language_they_are_shown_in(lang, value, question_type, shown):
    with translation.override(lang):
        assert answer_text(value, question_type) == shown


@pytest.mark.parametrize("value", ["", "2027-06-01/x", None, ["2027-06-01"], "/"])
def test_anything_but_a_date_or_a_period_has_no_long_dates(value):
    with translation.override("en"):
        assert long_dates(value) is None
