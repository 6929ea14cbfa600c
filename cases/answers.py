"""Answers to the intake questions: from raw form or JSON values to typed values.

Rules, per question type (the value stored on the case and given to classification):
- integer: a whole number of 0 or more, given as int or as digits ("12", " 12 "); 12.0 is
  accepted, 12.5, "twelve", True and negative numbers are not; at most 1,000,000,000.
- boolean: True/False, or "true"/"false", "yes"/"no", "on"/"off", "1"/"0" in any case.
- date: a date or an ISO string "YYYY-MM-DD"; stored as the ISO string.
- choice: one of the question's choice codes.
- text: stripped, at most 2000 characters (a number is taken as its digits).

A missing answer (absent, None, an empty or blank string) is an error only when the question
is required; otherwise it is left out. Answers to a question or service that is not asked
are errors, so nothing is silently dropped. Errors are keyed "service.question" (or
"service" for a service that is not asked), one or more messages each.
Pure: no ORM; the caller builds the QuestionSpecs.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

TYPES = ("integer", "boolean", "text", "choice", "date")
TEXT_MAX_LENGTH = 2000
INTEGER_MAX = 1_000_000_000
TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"question {self.code}: unknown type {self.type!r}")


class _Invalid(Exception):
    pass


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _integer(value: object) -> int:
    if isinstance(value, bool):
        raise _Invalid(_("Enter a whole number."))
    if isinstance(value, float | Decimal):
        if value != value or value % 1:  # NaN or a fraction
            raise _Invalid(_("Enter a whole number."))
        value = int(value)
    elif isinstance(value, str):
        if not _DIGITS.match(value.strip()):
            raise _Invalid(_("Enter a whole number."))
        value = int(value.strip())
    elif not isinstance(value, int):
        raise _Invalid(_("Enter a whole number."))
    if value < 0:
        raise _Invalid(_("Enter a number of 0 or more."))
    if value > INTEGER_MAX:
        raise _Invalid(_("Enter a smaller number."))
    return value


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise _Invalid(_("Answer yes or no."))


def _date(value: object) -> str:
    # datetime is a date too, but a moment in time is not the day the question asks for.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise _Invalid(_("Enter a valid date (YYYY-MM-DD)."))


def _choice(value: object, choices: Sequence[str]) -> str:
    if isinstance(value, str) and value.strip() in choices:
        return value.strip()
    raise _Invalid(_("Choose one of the options."))


def _text(value: object) -> str:
    # A JSON client may send a house number or plot number as a number.
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _Invalid(_("Enter a text."))
    value = value.strip()
    if len(value) > TEXT_MAX_LENGTH:
        raise _Invalid(
            _("Use at most %(limit)d characters (you used %(count)d).")
            % {"limit": TEXT_MAX_LENGTH, "count": len(value)}
        )
    return value


def clean_value(question: QuestionSpec, value: object) -> object:
    """The typed value of one present answer; raises ValueError with the message."""
    try:
        if question.type == "integer":
            return _integer(value)
        if question.type == "boolean":
            return _boolean(value)
        if question.type == "date":
            return _date(value)
        if question.type == "choice":
            return _choice(value, question.choices)
        return _text(value)
    except _Invalid as exc:
        raise ValueError(str(exc)) from None


def clean_answers(
    questions: Mapping[str, Sequence[QuestionSpec]],
    raw: Mapping[str, Mapping[str, object]] | None,
) -> tuple[dict[str, dict[str, object]], dict[str, list[str]]]:
    """Typed answers for every service in ``questions`` and the errors, keyed as above."""
    raw = raw or {}
    cleaned: dict[str, dict[str, object]] = {}
    errors: dict[str, list[str]] = {}
    if not isinstance(raw, Mapping):
        return {code: {} for code in questions}, {"": [_("The answers are not readable.")]}
    for service, given in raw.items():
        if service not in questions:
            errors[str(service)] = [_("Answers were given for a service that is not asked for.")]
        elif given is not None and not isinstance(given, Mapping):
            errors[service] = [_("The answers are not readable.")]
    for service, specs in questions.items():
        given = raw.get(service)
        given = given if isinstance(given, Mapping) else {}
        known = {spec.code for spec in specs}
        for code in given:
            if code not in known:
                errors[f"{service}.{code}"] = [_("This question is not asked for this service.")]
        typed: dict[str, object] = {}
        for spec in specs:
            value = given.get(spec.code)
            if _is_missing(value):
                if spec.required:
                    errors[f"{service}.{spec.code}"] = [_("This answer is required.")]
                continue
            try:
                typed[spec.code] = clean_value(spec, value)
            except ValueError as exc:
                errors[f"{service}.{spec.code}"] = [str(exc)]
        cleaned[service] = typed
    return cleaned, errors
