"""Percentiles in the database: ``percentile_cont`` on PostgreSQL; elsewhere one
``GROUP BY`` value count per figure, reduced by ``percentiles.percentile_from_counts``
(the rows read are one per distinct value and group, never one per task)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import connections
from django.db.models import Aggregate, Count, FloatField, QuerySet

from .percentiles import percentile_from_counts


class PercentileCont(Aggregate):
    """``percentile_cont(p) WITHIN GROUP (ORDER BY expression)`` (PostgreSQL)."""

    function = "percentile_cont"
    name = "PercentileCont"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra):
        fraction = float(fraction)
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        # A float literal in the SQL: it is ours, never the user's.
        super().__init__(expression, fraction=repr(fraction), **extra)


def native(queryset: QuerySet) -> bool:
    """Whether the database computes percentiles itself."""
    return connections[queryset.db].vendor == "postgresql"


def percentile_annotations(fields: dict[str, str], fractions: dict[str, float]) -> dict:
    """``{"<name>_<fraction name>": PercentileCont(field, fraction)}`` for PostgreSQL."""
    return {
        f"{name}_{label}": PercentileCont(field, fraction)
        for name, field in fields.items()
        for label, fraction in fractions.items()
    }


def percentiles_by_counts(
    queryset: QuerySet,
    fields: dict[str, str],
    fractions: dict[str, float],
    group_by: Sequence[str] = (),
) -> dict[tuple, dict[str, float | None]]:
    """Per group (a tuple of ``group_by`` values; ``()`` without groups): the
    ``<name>_<fraction name>`` percentiles, from one value-count query per field."""
    result: dict[tuple, dict[str, float | None]] = defaultdict(dict)
    for name, field in fields.items():
        counts: dict[tuple, list[tuple[float, int]]] = defaultdict(list)
        rows = (
            queryset.exclude(**{f"{field}__isnull": True})
            .order_by()
            .values(*group_by, field)
            .annotate(n=Count("*"))
            .values_list(*group_by, field, "n")
        )
        for row in rows:
            counts[tuple(row[: len(group_by)])].append((row[-2], row[-1]))
        for group, pairs in counts.items():
            for label, fraction in fractions.items():
                result[group][f"{name}_{label}"] = percentile_from_counts(pairs, fraction)
    return result
