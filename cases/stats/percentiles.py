"""Percentiles from (value, count) pairs: PostgreSQL's ``percentile_cont``, computed where the
database has no such aggregate (SQLite). No ORM.

Rule (the one ``percentile_cont(p) WITHIN GROUP (ORDER BY x)`` follows): sort the n values;
the p-th percentile sits at position p x (n - 1) (0-based); between two values it is
interpolated linearly. No values: None. The input is one pair per distinct value, so the
work is in the number of distinct values, never in the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from math import floor


def percentile_from_counts(pairs: Iterable[tuple[float, int]], p: float) -> float | None:
    """The p-th percentile (0 <= p <= 1) of the values, each ``count`` times."""
    if not 0 <= p <= 1:
        raise ValueError("p must be between 0 and 1")
    ordered = sorted((value, count) for value, count in pairs if count > 0 and value is not None)
    total = sum(count for _, count in ordered)
    if not total:
        return None
    position = p * (total - 1)
    low_index = floor(position)
    fraction = position - low_index
    low = high = None
    seen = 0
    for value, count in ordered:
        if low is None and low_index < seen + count:
            low = value
        if low_index + 1 < seen + count:
            high = value
            break
        seen += count
    if high is None:
        high = low
    return float(low + (high - low) * fraction)
