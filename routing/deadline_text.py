"""The explanation of a deadline as sentences in the active language (gettext).

Built from ``routing.deadline_explain.deadline_parts``; the callers switch the language
(``translation.override``) to the reader's: the caseworker's page or the business's.
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.text import Truncator, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .calendar import BUSINESS, WEEKS, target_units
from .deadline_explain import DeadlineParts

REQUEST_TEXT_WORDS = 12


def long_date(day) -> str:
    """ "Tuesday 12 May 2026" / "tirsdag 12. maj 2026"."""
    return date_format(day, _("l j F Y"))


def short_date(day) -> str:
    return date_format(day, _("j F"))


def target_text(days: int, unit: str) -> str:
    """ "10 working days", "14 calendar days", "6 weeks"."""
    if unit == BUSINESS:
        return ngettext("%(n)d working day", "%(n)d working days", days) % {"n": days}
    if unit == WEEKS:
        return ngettext("%(n)d week", "%(n)d weeks", days) % {"n": days}
    return ngettext("%(n)d calendar day", "%(n)d calendar days", days) % {"n": days}


def _units(n: int, unit: str) -> str:
    return target_text(n, BUSINESS if unit == BUSINESS else "calendar")


def _closing_name(code: str) -> str:
    return {
        "constitution_day": _("Constitution Day"),
        "christmas_eve": _("Christmas Eve"),
        "new_years_eve": _("New Year's Eve"),
    }.get(code, code)


def deadline_sentences(parts: DeadlineParts) -> list[str]:
    """The explanation, one sentence per part."""
    sentences = [
        _("%(target)s from %(received)s: the deadline is %(deadline)s.")
        % {
            "target": target_text(parts.days, parts.unit),
            "received": long_date(parts.received),
            "deadline": long_date(parts.deadline),
        }
    ]
    if parts.unit == WEEKS:
        sentences.append(
            _("A week is 7 calendar days, so the target holds %(units)s.")
            % {"units": _units(target_units(parts.days, parts.unit), parts.unit)}
        )
    if parts.unit == BUSINESS and (parts.counts_from - parts.received).days > 1:
        sentences.append(
            _("It arrived on a day we are closed, so counting starts on %(day)s.")
            % {"day": long_date(parts.counts_from)}
        )
    else:
        sentences.append(_("The day it arrived does not count."))
    for pause in parts.pauses:
        values = {
            "units": _units(pause.units, parts.unit),
            "start": short_date(pause.start),
            "text": Truncator(pause.text).words(REQUEST_TEXT_WORDS),
        }
        if pause.end is None:
            sentences.append(
                _(
                    "Waiting since %(start)s for the answer to “%(text)s”: the deadline "
                    "moves on by the days this lasts (%(units)s so far)."
                )
                % values
            )
        else:
            values["end"] = short_date(pause.end)
            sentences.append(
                _(
                    "Moved %(units)s while waiting for the answer to “%(text)s” "
                    "(%(start)s to %(end)s)."
                )
                % values
            )
    if parts.skipped:
        names = [
            _("%(name)s (%(day)s)")
            % {"name": _closing_name(skipped.name), "day": short_date(skipped.day)}
            for skipped in parts.skipped
        ]
        sentences.append(
            ngettext("%(days)s is not counted.", "%(days)s are not counted.", len(names))
            % {"days": get_text_list(names, _("and"))}
        )
    elif parts.unit != BUSINESS:
        sentences.append(_("Every calendar day counts, weekends and holidays too."))
    return sentences


def deadline_text(parts: DeadlineParts) -> str:
    return " ".join(deadline_sentences(parts))
