"""Answers to the catalogue's questions: from raw form or JSON values to typed values.

The catalogue and its questions are intake's, so their cleaning is too; a case stores the
typed answers intake hands over and only reads them back (``cases.selectors.answer_rows``).

Rules, per question type (the value stored on the case and given to classification):
- integer: a whole number of 0 or more, given as int or as digits ("12", " 12 "); 12.0 is
  accepted, 12.5, "twelve", True and negative numbers are not; at most 1,000,000,000.
- boolean: True/False, or "true"/"false", "yes"/"no", "on"/"off", "1"/"0" in any case.
- date: a date or an ISO string "YYYY-MM-DD"; stored as the ISO string.
- choice: one of the question's choice codes.
- text: stripped, at most 2000 characters (a number is taken as its digits).
- location (an address or a place in the city): text of 3 to 300 characters with a letter in it.
- period: from one date to another, given as {"from": d, "to": d} or as the ISO interval
  "YYYY-MM-DD/YYYY-MM-DD" (how it is stored); the end is not before the start, both years lie
  in PERIOD_YEARS, and when the day of the application is known (``today``) the period does not
  start before it (a new permit is for now or later) nor end more than PERIOD_MAX_YEARS_AHEAD
  years after it.
Text anywhere (a text answer, or a word or digits for another type) must not hold NUL or a
lone surrogate (``kes.untrusted``): PostgreSQL refuses them and no page can show them.

A missing answer (absent, None, an empty or blank string) is an error only when the question
is required; otherwise it is left out. Answers to a question or service that is not asked
are errors, so nothing is silently dropped. Errors are keyed "service.question" (or
"service" for a service that is not asked), one or more messages each. A code that could not
be shown back (not text that can be stored, or longer than any catalogue code) is not used as
a key: its error goes to the service ("service") or to the answers as a whole ("").
At most MAX_SERVICES_PER_REQUEST services and MAX_ANSWERS_PER_SERVICE answers to each are
read; beyond that the answers (or the service's) are refused with one message.
Pure: no ORM; the caller builds the QuestionSpecs.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from kes.untrusted import is_finite_number, text_problem

TYPES = ("integer", "boolean", "text", "choice", "date", "location", "period")
# A text answer; a case's own texts (messages, statements) have their limits in cases.
ANSWER_TEXT_MAX_LENGTH = 2000
INTEGER_MAX = 1_000_000_000
LOCATION_MIN_LENGTH = 3
LOCATION_MAX_LENGTH = 300
# No permit is about a period outside these years; beyond them a year is a typing error.
PERIOD_YEARS = range(2000, 2100)
PERIOD_MAX_YEARS_AHEAD = 10
# One request asks for at most this many services (the catalogue has fewer), each answered
# with at most this many answers (a service asks a handful of questions).
MAX_SERVICES_PER_REQUEST = 30
MAX_ANSWERS_PER_SERVICE = 50
# The longest code of a service or question (their model fields in intake.models).
CODE_MAX_LENGTH = 60
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
        if not is_finite_number(value) or value % 1:
            raise _Invalid(_("Enter a whole number."))
        value = int(value)
    elif isinstance(value, str):
        if not _DIGITS.match(value.strip()):
            raise _Invalid(_("Enter a whole number."))
        try:
            value = int(value.strip())
        except ValueError:  # more digits than Python reads (4300)
            raise _Invalid(_("Enter a smaller number.")) from None
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


def _location(value: object) -> str:
    value = _text(value)
    if len(value) < LOCATION_MIN_LENGTH or not any(c.isalpha() for c in value):
        raise _Invalid(_("Enter an address or the name of a place."))
    if len(value) > LOCATION_MAX_LENGTH:
        raise _Invalid(
            _("Use at most %(limit)d characters (you used %(count)d).")
            % {"limit": LOCATION_MAX_LENGTH, "count": len(value)}
        )
    return value


def _period_ends(value: object) -> tuple[object, object]:
    if isinstance(value, Mapping):
        return value.get("from"), value.get("to")
    if isinstance(value, str) and value.count("/") == 1:
        start, end = value.split("/")
        return start, end
    raise _Invalid(_("Enter the first and the last day of the period."))


def _period(value: object, today: date | None) -> str:
    start_raw, end_raw = _period_ends(value)
    if _is_missing(start_raw) or _is_missing(end_raw):
        raise _Invalid(_("Enter the first and the last day of the period."))
    try:
        start, end = date.fromisoformat(_date(start_raw)), date.fromisoformat(_date(end_raw))
    except _Invalid:
        raise _Invalid(_("Enter the period as two real dates.")) from None
    if start.year not in PERIOD_YEARS or end.year not in PERIOD_YEARS:
        raise _Invalid(_("Check the year: the period must lie in our time."))
    if end < start:
        raise _Invalid(_("The last day must be the same as or after the first day."))
    if today is not None:
        if start < today:
            raise _Invalid(_("The period cannot start in the past."))
        if end.year > today.year + PERIOD_MAX_YEARS_AHEAD:
            raise _Invalid(
                _("The period can end at most %(years)d years from now.")
                % {"years": PERIOD_MAX_YEARS_AHEAD}
            )
    return f"{start.isoformat()}/{end.isoformat()}"


def period_bounds(value: str) -> tuple[date, date] | None:
    """The first and last day of a stored period, or None for anything else."""
    if isinstance(value, str) and value.count("/") == 1:
        try:
            start, end = (date.fromisoformat(part) for part in value.split("/"))
        except ValueError:
            return None
        return start, end
    return None


def _choice(value: object, choices: Sequence[str]) -> str:
    if isinstance(value, str) and value.strip() in choices:
        return value.strip()
    raise _Invalid(_("Choose one of the options."))


def _text(value: object) -> str:
    # A JSON client may send a house number or plot number as a number.
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if not is_finite_number(value):
            raise _Invalid(_("Enter a text."))
        if abs(value) > INTEGER_MAX:
            raise _Invalid(_("Enter a smaller number."))
        value = str(value)
    if not isinstance(value, str):
        raise _Invalid(_("Enter a text."))
    value = value.strip()
    if len(value) > ANSWER_TEXT_MAX_LENGTH:
        raise _Invalid(
            _("Use at most %(limit)d characters (you used %(count)d).")
            % {"limit": ANSWER_TEXT_MAX_LENGTH, "count": len(value)}
        )
    return value


def clean_value(question: QuestionSpec, value: object, *, today: date | None = None) -> object:
    """The typed value of one present answer; raises ValueError with the message."""
    if isinstance(value, str) and (problem := text_problem(value)):
        raise ValueError(problem)
    if isinstance(value, Mapping):
        for part in value.values():
            if isinstance(part, str) and (problem := text_problem(part)):
                raise ValueError(problem)
    try:
        if question.type == "integer":
            return _integer(value)
        if question.type == "boolean":
            return _boolean(value)
        if question.type == "date":
            return _date(value)
        if question.type == "choice":
            return _choice(value, question.choices)
        if question.type == "location":
            return _location(value)
        if question.type == "period":
            return _period(value, today)
        return _text(value)
    except _Invalid as exc:
        raise ValueError(str(exc)) from None


def is_code(key: object) -> bool:
    """Whether ``key`` can be a catalogue code, and so be shown back in an error key."""
    return isinstance(key, str) and len(key) <= CODE_MAX_LENGTH and text_problem(key) is None


def clean_answers(
    questions: Mapping[str, Sequence[QuestionSpec]],
    raw: Mapping[str, Mapping[str, object]] | None,
    *,
    today: date | None = None,
) -> tuple[dict[str, dict[str, object]], dict[str, list[str]]]:
    """Typed answers for every service in ``questions`` and the errors, keyed as above;
    ``today`` is the day of the application (periods are checked against it)."""
    raw = raw or {}
    cleaned: dict[str, dict[str, object]] = {code: {} for code in questions}
    errors: dict[str, list[str]] = {}
    if not isinstance(raw, Mapping):
        return cleaned, {"": [_("The answers are not readable.")]}
    if len(raw) > MAX_SERVICES_PER_REQUEST:
        message = _("Give answers to at most %(limit)d services in one request.")
        return cleaned, {"": [message % {"limit": MAX_SERVICES_PER_REQUEST}]}

    def not_a_code(key: str) -> None:
        message = _("A code in the answers is not valid.")
        if message not in errors.setdefault(key, []):
            errors[key].append(message)

    for service, given in raw.items():
        if not is_code(service):
            not_a_code("")
        elif service not in questions:
            errors[service] = [_("Answers were given for a service that is not asked for.")]
        elif given is not None and not isinstance(given, Mapping):
            errors[service] = [_("The answers are not readable.")]
        elif given is not None and len(given) > MAX_ANSWERS_PER_SERVICE:
            errors[service] = [
                _("Give at most %(limit)d answers to one service.")
                % {"limit": MAX_ANSWERS_PER_SERVICE}
            ]
    for service, specs in questions.items():
        given = raw.get(service)
        if not isinstance(given, Mapping):
            given = {}
        elif len(given) > MAX_ANSWERS_PER_SERVICE:
            continue  # refused above, as a whole
        known = {spec.code for spec in specs}
        for code in given:
            if not is_code(code):
                not_a_code(service)
            elif code not in known:
                errors[f"{service}.{code}"] = [_("This question is not asked for this service.")]
        typed: dict[str, object] = {}
        for spec in specs:
            value = given.get(spec.code)
            if _is_missing(value):
                if spec.required:
                    errors[f"{service}.{spec.code}"] = [_("This answer is required.")]
                continue
            try:
                typed[spec.code] = clean_value(spec, value, today=today)
            except ValueError as exc:
                errors[f"{service}.{spec.code}"] = [str(exc)]
        cleaned[service] = typed
    return cleaned, errors
