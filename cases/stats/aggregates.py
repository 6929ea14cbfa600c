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
    """``percentile_cont(ARRAY[p, ...]) WITHIN GROUP (ORDER BY expression)`` (PostgreSQL):
    every fraction from one sort of the values, as an array in the fractions' order."""

    function = "percentile_cont"
    name = "PercentileCont"
    template = (
        "%(function)s(ARRAY[%(fractions)s]::float8[]) WITHIN GROUP (ORDER BY %(expressions)s)"
    )

    def __init__(self, expression, fractions: Sequence[float], **extra):
        from django.contrib.postgres.fields import ArrayField

        values = [float(fraction) for fraction in fractions]
        if not values or not all(0 <= value <= 1 for value in values):
            raise ValueError("fractions must be between 0 and 1")
        # Float literals in the SQL: they are ours, never the user's.
        super().__init__(
            expression,
            fractions=", ".join(repr(value) for value in values),
            output_field=ArrayField(FloatField()),
            **extra,
        )


def native(queryset: QuerySet) -> bool:
    """Whether the database computes percentiles itself."""
    return connections[queryset.db].vendor == "postgresql"


def percentile_annotations(fields: dict[str, str], fractions: dict[str, float]) -> dict:
    """One ``PercentileCont`` per field (all fractions at once) for PostgreSQL; ``unpack``
    turns each row's arrays into ``<name>_<fraction name>`` values."""
    return {
        f"{name}__percentiles": PercentileCont(field, list(fractions.values()))
        for name, field in fields.items()
    }


def unpack(row: dict, fields: dict[str, str], fractions: dict[str, float]) -> dict:
    for name in fields:
        values = row.pop(f"{name}__percentiles", None) or [None] * len(fractions)
        for label, value in zip(fractions, values, strict=True):
            row[f"{name}_{label}"] = value
    return row


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
