"""How a stored answer reads to a person: the one place a case's or a draft's answer becomes
text, for the wizard's review, the staff pages and anything written to the business.

Dates are stored as ISO ("2027-06-01") and periods as the ISO interval
("2027-06-01/2027-06-30", see ``intake.answers``); they are shown in the long date format of
the active language ("1. juni 2027 – 30. juni 2027", "1 June 2027 – 30 June 2027"). A caller
writing in another language than the request's (a letter, a mail) activates it first with
``translation.override``. A stored value that is not what its type says is shown as it is:
a page must never fail on an old or hand-edited answer.

It lives in kes, the lowest layer, so that both cases (its pages and letters) and intake (the
wizard) use it. Pure: no ORM; choice labels are the caller's.
"""

import re
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Question types whose answers are an ISO date or an ISO period.
DATE_TYPES = frozenset({"date", "period"})
# Strict on purpose: date.fromisoformat also takes "20270601" and "2027-W22-2", which no
# answer is stored as, so such a value is shown as it is rather than as a date.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Between the first and the last day of a period (an en dash with spaces, as in print).
PERIOD_SEPARATOR = " – "
EMPTY = "–"


def _iso_day(text: str) -> date | None:
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def long_dates(value: object) -> str | None:
    """A stored date or period in the active language's long date format, or None when
    ``value`` is neither."""
    if not isinstance(value, str):
        return None
    parts = value.split("/")
    if len(parts) > 2:
        return None
    days = [_iso_day(part) for part in parts]
    if None in days:
        return None
    return PERIOD_SEPARATOR.join(date_format(day, "DATE_FORMAT") for day in days)


def answer_text(value: object, question_type: str = "") -> str:
    """``value`` as a person reads it: Yes/No, "–" when empty, dates and periods of a date
    or period question in the long format, anything else as its text."""
    if value is None or value == "":
        return EMPTY
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if question_type in DATE_TYPES:
        return long_dates(value) or str(value)
    return str(value)
