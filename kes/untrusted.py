"""Text and JSON from outside: what the portal refuses before it stores or echoes a value.

- NUL (U+0000): PostgreSQL stores it in neither text nor JSON.
- A lone surrogate (U+D800 to U+DFFF without its pair; JSON can carry it as an escape such as
  ``"\\udfff"``): UTF-8 cannot encode it, so PostgreSQL refuses it in JSON and every page or
  error message that shows it fails; SQLite stores it and the failure comes later.
- JSON nested deeper than a request needs: Python's parser recurses, so a deep enough
  document is a RecursionError instead of an answer.
- A number that is not finite (``1e400`` reads as infinity): JSON cannot write it back.

Django's and DRF's ``CharField`` refuse NUL and surrogates; values nested in a JSON field
(the answers) skip those checks, so the services check them with ``text_problem``.
Pure: no ORM, no settings.
"""

import math
import re
from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

# NUL and the surrogate block: in a Python str a surrogate is always a lone one, since a
# pair is decoded into the one character it stands for.
_NOT_ALLOWED = re.compile("[\x00\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """The message when ``value`` holds a character that cannot be stored, else None."""
    found = _NOT_ALLOWED.search(value)
    if found is None:
        return None
    return _("The text contains a character that is not allowed (U+%(code)04X).") % {
        "code": ord(found.group())
    }


def is_finite_number(value: object) -> bool:
    """True for an int, or a float or Decimal that is neither infinite nor NaN (not bool)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, Decimal):
        return value.is_finite()
    if isinstance(value, float):
        return math.isfinite(value)
    return False


def nesting_depth(value: object, *, limit: int) -> int:
    """How deep lists and objects nest in ``value`` (a scalar is 0, ``[]`` is 1), counted
    without recursion; counting stops at ``limit + 1``, which is enough to refuse."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, Mapping):
            children = node.values()
        elif isinstance(node, list | tuple):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        pending.extend((child, depth + 1) for child in children)
    return deepest
