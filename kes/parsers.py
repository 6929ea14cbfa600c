"""The API's JSON parser: a body it cannot or should not read is a 400, never a 500.

DRF's parser turns syntax errors into a ParseError but lets Python's RecursionError through,
so ``[`` × 100,000 was a 500. No request of this API nests deeper than a few levels
(answers are two), so anything deeper than ``JSON_MAX_DEPTH`` is refused as well: the views
and the services behind them never meet it. Numbers that overflow to infinity (``1e400``)
and integers longer than ``NUMBER_MAX_DIGITS`` are refused here too: no field can hold them,
JSON cannot write infinity back, and Python refuses to read integers of over 4300 digits
with a message about its own settings.

Its own module: DRF reads DEFAULT_PARSER_CLASSES when ``rest_framework.views`` is imported,
before ``kes.api`` and the apps' API modules could be.
"""

import codecs
import math

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

from .untrusted import nesting_depth

JSON_MAX_DEPTH = 32
NUMBER_MAX_DIGITS = 100


class _TooLarge(ValueError):
    pass


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _TooLarge
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > NUMBER_MAX_DIGITS:
        raise _TooLarge
    return int(text)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        # DRF's parse, plus the two refusals above (its own message for a syntax error).
        encoding = parsers.get_encoding(parser_context or {})
        too_deep = ParseError(
            _("The JSON is nested too deeply: at most %(limit)d levels.")
            % {"limit": JSON_MAX_DEPTH}
        )
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=json.strict_constant if self.strict else None,
                parse_float=_finite_float,
                parse_int=_bounded_int,
            )
        except RecursionError:
            raise too_deep from None
        except _TooLarge:
            raise ParseError(_("A number in the JSON is too large.")) from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        if nesting_depth(data, limit=JSON_MAX_DEPTH) > JSON_MAX_DEPTH:
            raise too_deep
        return data
