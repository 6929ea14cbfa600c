"""kes.untrusted and kes.parsers: text and JSON the portal refuses before storing or echoing."""

import io
import math
from decimal import Decimal

import pytest
from django.utils import translation
from rest_framework.exceptions import ParseError

from kes.parsers import JSON_MAX_DEPTH, NUMBER_MAX_DIGITS, JSONParser
from kes.untrusted import is_finite_number, nesting_depth, text_problem


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("", None),
        ("Nordhavn 12a", None),
        ("Ærø, Øster Allé 5 – 1. sal", None),
        ("emoji 🍰 is one character, not a surrogate pair", None),
        ("tab\tand\nnewline", None),
        ("\x00", "The text contains a character that is not allowed (U+0000)."),
        ("Nordhavn\x0012a", "The text contains a character that is not allowed (U+0000)."),
        ("\udfff", "The text contains a character that is not allowed (U+DFFF)."),
        ("\ud800", "The text contains a character that is not allowed (U+D800)."),
        ("ok \ud83c", "The text contains a character that is not allowed (U+D83C)."),
        ("\udbff\x00", "The text contains a character that is not allowed (U+DBFF)."),
    ],
)
def test_text_problem_names_the_first_character_that_cannot_be_stored(value, problem):
    assert text_problem(value) == problem


@pytest.mark.parametrize(
    ("value", "finite"),
    [
        (0, True),
        (10**100, True),
        (1.5, True),
        (Decimal("7.25"), True),
        (math.inf, False),
        (-math.inf, False),
        (math.nan, False),
        (Decimal("Infinity"), False),
        (Decimal("NaN"), False),
        (Decimal("sNaN"), False),
        (True, False),
        ("12", False),
        (None, False),
    ],
)
def test_is_finite_number(value, finite):
    assert is_finite_number(value) is finite


def _nested(depth):
    value = 1
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


@pytest.mark.parametrize(
    ("value", "depth"),
    [
        (1, 0),
        ("text", 0),
        (None, 0),
        ([], 1),
        ({}, 1),
        ({"answers": {"outdoor_serving": {"area_m2": 20}}}, 3),
        ([1, [2, [3]], {"a": []}], 3),
        (_nested(5), 5),
        (_nested(5000), 6),  # stops counting past the limit
    ],
)
def test_nesting_depth_counts_levels_without_recursing(value, depth):
    assert nesting_depth(value, limit=5) == depth


def _parse(text: str):
    return JSONParser().parse(io.BytesIO(text.encode()), "application/json", {})


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ('{"a": [1, 2.5, "x"]}', {"a": [1, 2.5, "x"]}),
        ('"\\udfff"', "\udfff"),  # read; the fields and services refuse it with a message
        ("null", None),
        ("1" * NUMBER_MAX_DIGITS, int("1" * NUMBER_MAX_DIGITS)),
        ("1e300", 1e300),
    ],
)
def test_the_parser_reads_what_a_request_may_hold(text, data):
    assert _parse(text) == data


def test_the_parser_reads_json_nested_as_deep_as_allowed():
    parsed = _parse("[" * JSON_MAX_DEPTH + "]" * JSON_MAX_DEPTH)
    assert nesting_depth(parsed, limit=JSON_MAX_DEPTH) == JSON_MAX_DEPTH


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000, "The JSON is nested too deeply: at most 32 levels."),
        ('{"a":' * 100_000, "The JSON is nested too deeply: at most 32 levels."),
        ("[" * 33 + "]" * 33, "The JSON is nested too deeply: at most 32 levels."),
        ("1e400", "A number in the JSON is too large."),
        ("[-1e999]", "A number in the JSON is too large."),
        ("1" * (NUMBER_MAX_DIGITS + 1), "A number in the JSON is too large."),
        ("-" + "1" * 5000, "A number in the JSON is too large."),
        ("NaN", "JSON parse error - Out of range float values are not JSON compliant: 'NaN'"),
        ("{", "JSON parse error - Expecting property name enclosed in double quotes"),
    ],
)
def test_the_parser_refuses_what_no_request_holds_with_a_400(text, message):
    with pytest.raises(ParseError) as excinfo:
        _parse(text)
    assert str(excinfo.value.detail).startswith(message)
