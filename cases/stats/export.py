"""CSV exports that stream: rows are written as they are read, never held all at once.

Rule against formula injection (CSV opened in a spreadsheet): a text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so the
spreadsheet shows it as text instead of running it. Numbers are written as numbers (a
negative number is not text and stays as it is).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_STARTS):
        return "'" + text
    return text


class _Line:
    """A file-like object that hands back what ``csv.writer`` writes."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """The header and each row as one CSV line (with a BOM first, so that spreadsheets
    read the file as UTF-8)."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])
