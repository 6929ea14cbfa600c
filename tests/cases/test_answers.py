import math
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import translation

from intake.answers import (
    MAX_ANSWERS_PER_SERVICE,
    MAX_SERVICES_PER_REQUEST,
    QuestionSpec,
    clean_answers,
    clean_value,
)

INTEGER = QuestionSpec("n", "integer", required=True)
BOOLEAN = QuestionSpec("b", "boolean", required=True)
DATE = QuestionSpec("d", "date", required=True)
CHOICE = QuestionSpec("c", "choice", required=True, choices=("pavement", "square"))
TEXT = QuestionSpec("t", "text", required=True)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("question", "raw", "typed"),
    [
        (INTEGER, 12, 12),
        (INTEGER, "12", 12),
        (INTEGER, " 12 ", 12),
        (INTEGER, 0, 0),
        (INTEGER, 12.0, 12),
        (INTEGER, Decimal("7"), 7),
        (BOOLEAN, True, True),
        (BOOLEAN, False, False),
        (BOOLEAN, "true", True),
        (BOOLEAN, "False", False),
        (BOOLEAN, "yes", True),
        (BOOLEAN, "no", False),
        (BOOLEAN, "on", True),
        (BOOLEAN, "0", False),
        (DATE, "2026-05-01", "2026-05-01"),
        (DATE, " 2026-05-01 ", "2026-05-01"),
        (DATE, date(2026, 5, 1), "2026-05-01"),
        (CHOICE, "square", "square"),
        (CHOICE, " pavement ", "pavement"),
        (TEXT, "  Nordhavn 12a ", "Nordhavn 12a"),
        (TEXT, 12, "12"),
        (TEXT, "x" * 2000, "x" * 2000),
    ],
)
def test_raw_values_become_typed_values(question, raw, typed):
    assert clean_value(question, raw) == typed
    assert type(clean_value(question, raw)) is type(typed)


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        (INTEGER, "twelve", "Enter a whole number."),
        (INTEGER, "12.5", "Enter a whole number."),
        (INTEGER, 12.5, "Enter a whole number."),
        (INTEGER, True, "Enter a whole number."),
        (INTEGER, [12], "Enter a whole number."),
        (INTEGER, -1, "Enter a number of 0 or more."),
        (INTEGER, "-3", "Enter a number of 0 or more."),
        (INTEGER, 10**12, "Enter a smaller number."),
        (BOOLEAN, "maybe", "Answer yes or no."),
        (BOOLEAN, 1, "Answer yes or no."),
        (DATE, "2026-02-30", "Enter a valid date (YYYY-MM-DD)."),
        (DATE, "01-05-2026", "Enter a valid date (YYYY-MM-DD)."),
        (DATE, "20260501", "Enter a valid date (YYYY-MM-DD)."),
        (DATE, datetime(2026, 5, 1, 12, 0), "Enter a valid date (YYYY-MM-DD)."),
        (CHOICE, "roof", "Choose one of the options."),
        (CHOICE, 1, "Choose one of the options."),
        (TEXT, ["a"], "Enter a text."),
        (TEXT, "x" * 2001, "Use at most 2000 characters (you used 2001)."),
        (TEXT, {"a": 1}, "Enter a text."),
        (TEXT, "Nordhavn\x0012a", "The text contains a character that is not allowed (U+0000)."),
        (TEXT, "\udfff", "The text contains a character that is not allowed (U+DFFF)."),
        (TEXT, math.inf, "Enter a text."),
        (TEXT, math.nan, "Enter a text."),
        (TEXT, Decimal("sNaN"), "Enter a text."),
        (TEXT, 10**4000, "Enter a smaller number."),
        (INTEGER, math.inf, "Enter a whole number."),
        (INTEGER, math.nan, "Enter a whole number."),
        (INTEGER, Decimal("sNaN"), "Enter a whole number."),
        (INTEGER, 1e300, "Enter a smaller number."),
        (INTEGER, "9" * 5000, "Enter a smaller number."),
        (INTEGER, "1\x00", "The text contains a character that is not allowed (U+0000)."),
        (CHOICE, "square\udfff", "The text contains a character that is not allowed (U+DFFF)."),
        (BOOLEAN, "yes\x00", "The text contains a character that is not allowed (U+0000)."),
        (DATE, ["2026-05-01"], "Enter a valid date (YYYY-MM-DD)."),
    ],
)
def test_wrong_values_are_refused_with_a_message(question, raw, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        clean_value(question, raw)


QUESTIONS = {
    "outdoor_serving": (
        QuestionSpec("area_m2", "integer", required=True),
        QuestionSpec("location_type", "choice", required=True, choices=("pavement", "square")),
        QuestionSpec("serves_alcohol", "boolean", required=True),
        QuestionSpec("note", "text"),
    ),
    "sign_rules": (),
}


@pytest.mark.parametrize(
    ("raw", "cleaned", "errors"),
    [
        (
            {
                "outdoor_serving": {
                    "area_m2": "20",
                    "location_type": "pavement",
                    "serves_alcohol": "false",
                }
            },
            {
                "outdoor_serving": {
                    "area_m2": 20,
                    "location_type": "pavement",
                    "serves_alcohol": False,
                },
                "sign_rules": {},
            },
            {},
        ),
        (
            {
                "outdoor_serving": {
                    "area_m2": 20,
                    "location_type": "square",
                    "serves_alcohol": True,
                    "note": "  ",
                }
            },
            {
                "outdoor_serving": {
                    "area_m2": 20,
                    "location_type": "square",
                    "serves_alcohol": True,
                },
                "sign_rules": {},
            },
            {},
        ),
        (
            {},
            {"outdoor_serving": {}, "sign_rules": {}},
            {
                "outdoor_serving.area_m2": ["This answer is required."],
                "outdoor_serving.location_type": ["This answer is required."],
                "outdoor_serving.serves_alcohol": ["This answer is required."],
            },
        ),
        (
            {"outdoor_serving": {"area_m2": "", "location_type": "roof", "serves_alcohol": None}},
            {"outdoor_serving": {}, "sign_rules": {}},
            {
                "outdoor_serving.area_m2": ["This answer is required."],
                "outdoor_serving.location_type": ["Choose one of the options."],
                "outdoor_serving.serves_alcohol": ["This answer is required."],
            },
        ),
        (
            {
                "outdoor_serving": {
                    "area_m2": 1,
                    "location_type": "square",
                    "serves_alcohol": True,
                    "colour": "red",
                },
                "sign_rules": {"size": 2},
                "a_sign": {"number_of_signs": 1},
            },
            {
                "outdoor_serving": {
                    "area_m2": 1,
                    "location_type": "square",
                    "serves_alcohol": True,
                },
                "sign_rules": {},
            },
            {
                "outdoor_serving.colour": ["This question is not asked for this service."],
                "sign_rules.size": ["This question is not asked for this service."],
                "a_sign": ["Answers were given for a service that is not asked for."],
            },
        ),
        (
            {"outdoor_serving": "20 m2", "sign_rules": None},
            {"outdoor_serving": {}, "sign_rules": {}},
            {
                "outdoor_serving": ["The answers are not readable."],
                "outdoor_serving.area_m2": ["This answer is required."],
                "outdoor_serving.location_type": ["This answer is required."],
                "outdoor_serving.serves_alcohol": ["This answer is required."],
            },
        ),
    ],
)
def test_clean_answers_types_everything_and_keys_errors_by_service_and_question(
    raw, cleaned, errors
):
    assert clean_answers(QUESTIONS, raw) == (cleaned, errors)


NOT_VALID = ["A code in the answers is not valid."]
SOUND = {"area_m2": 20, "location_type": "square", "serves_alcohol": True}
TYPED = {"outdoor_serving": SOUND, "sign_rules": {}}


@pytest.mark.parametrize(
    ("raw", "cleaned", "errors"),
    [
        ({"outdoor_serving": SOUND, "\udfff": {}}, TYPED, {"": NOT_VALID}),
        ({"outdoor_serving": SOUND, "a\x00": {}, "\ud800": 1}, TYPED, {"": NOT_VALID}),
        ({"outdoor_serving": SOUND, "x" * 61: {}}, TYPED, {"": NOT_VALID}),
        ({"outdoor_serving": SOUND, 7: {}}, TYPED, {"": NOT_VALID}),
        (
            {"outdoor_serving": {**SOUND, "\udfff": 1, "n\x00": 2}},
            TYPED,
            {"outdoor_serving": NOT_VALID},
        ),
        (
            {"outdoor_serving": {**SOUND, "note": "\udfff"}},
            TYPED,
            {
                "outdoor_serving.note": [
                    "The text contains a character that is not allowed (U+DFFF)."
                ]
            },
        ),
        (
            {"outdoor_serving": {**SOUND, **{f"q{n}": n for n in range(MAX_ANSWERS_PER_SERVICE)}}},
            {"outdoor_serving": {}, "sign_rules": {}},
            {"outdoor_serving": ["Give at most 50 answers to one service."]},
        ),
        (
            {f"s{n}": {} for n in range(MAX_SERVICES_PER_REQUEST + 1)},
            {"outdoor_serving": {}, "sign_rules": {}},
            {"": ["Give answers to at most 30 services in one request."]},
        ),
        (
            ["outdoor_serving"],
            {"outdoor_serving": {}, "sign_rules": {}},
            {"": ["The answers are not readable."]},
        ),
    ],
    ids=[
        "lone surrogate as service",
        "NUL and surrogate as services",
        "service code too long",
        "service code not text",
        "bad question codes",
        "lone surrogate as a text answer",
        "too many answers to a service",
        "answers to too many services",
        "answers as a list",
    ],
)
def test_clean_answers_never_keys_an_error_by_a_code_it_cannot_show(raw, cleaned, errors):
    assert clean_answers(QUESTIONS, raw) == (cleaned, errors)


def test_question_types_are_checked():
    with pytest.raises(ValueError):
        QuestionSpec("x", "float")
