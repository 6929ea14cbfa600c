"""The nightly refresh of the public processing-time figures (``cases.processing_times``).

One statement: ``WITH … INSERT … SELECT … ON CONFLICT (service) DO UPDATE``. The figures
are aggregated in the database over the period's decisions, from the facts each decision
stores (``cases.services.decision_facts``: service, has and within target, so the target
rule is not written again here), and written for every catalogue service at once (a
service without decisions gets zero and no medians, so an old figure never lingers).
Running it twice gives the same rows; two runs at once on PostgreSQL take the rows' locks
in the same order (by service) and the later one overwrites the earlier with the same
figures. SQLite has no ``percentile_cont``: there the median is the mean of the middle one
or two values by rank (window functions), which is the same number.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from routing.calendar import COPENHAGEN, WEEKS

from ..models import CaseService, Decision, ProcessingTimeFigure
from ..processing_times import rolling_period

_PERCENTILE_TOTALS = """
totals AS (
    SELECT service_id, COUNT(*) AS decided, SUM(within) AS within,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY gross) AS median_gross,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY net) AS median_net
    FROM decided GROUP BY service_id
)"""

# The middle one (odd n) or two (even n) ranks are (n + 1) / 2 and (n + 2) / 2 in integer
# division; their mean is percentile_cont(0.5).
_RANKED_TOTALS = """
ranked AS (
    SELECT service_id, gross, net, within,
           ROW_NUMBER() OVER (PARTITION BY service_id ORDER BY gross) AS gross_rank,
           ROW_NUMBER() OVER (PARTITION BY service_id ORDER BY net) AS net_rank,
           COUNT(*) OVER (PARTITION BY service_id) AS n
    FROM decided
),
totals AS (
    SELECT service_id, COUNT(*) AS decided, SUM(within) AS within,
           AVG(CASE WHEN gross_rank IN ((n + 1) / 2, (n + 2) / 2) THEN gross END)
               AS median_gross,
           AVG(CASE WHEN net_rank IN ((n + 1) / 2, (n + 2) / 2) THEN net END) AS median_net
    FROM ranked GROUP BY service_id
)"""


def _names() -> dict[str, str]:
    quote = connection.ops.quote_name
    service_model = CaseService._meta.get_field("service").related_model

    def table(model):
        return quote(model._meta.db_table)

    def column(model, field):
        return quote(model._meta.get_field(field).column)

    return {
        "decision": table(Decision),
        "decided_at": column(Decision, "decided_at"),
        "gross_units": column(Decision, "gross_units"),
        "net_units": column(Decision, "net_units"),
        "decision_service": column(Decision, "service"),
        "has_target": column(Decision, "has_target"),
        "within_target": column(Decision, "within_target"),
        "service": table(service_model),
        "service_id": column(service_model, "id"),
        "service_target_unit": column(service_model, "target_unit"),
        "figure": table(ProcessingTimeFigure),
        **{
            f"f_{name}": column(ProcessingTimeFigure, name)
            for name in (
                "service",
                "period_start",
                "period_end",
                "decided_count",
                "within_count",
                "median_gross",
                "median_net",
                "unit",
                "refreshed_at",
            )
        },
    }


def _statement() -> str:
    n = _names()
    totals = _PERCENTILE_TOTALS if connection.vendor == "postgresql" else _RANKED_TOTALS
    updated = ", ".join(
        f"{n[key]} = excluded.{n[key]}"
        for key in (
            "f_period_start",
            "f_period_end",
            "f_decided_count",
            "f_within_count",
            "f_median_gross",
            "f_median_net",
            "f_unit",
            "f_refreshed_at",
        )
    )
    # Every name is the model's own, quoted; every value is a parameter.
    return f"""
WITH decided AS (
    SELECT d.{n["decision_service"]} AS service_id,
           d.{n["gross_units"]} AS gross, d.{n["net_units"]} AS net,
           CASE WHEN d.{n["within_target"]} THEN 1 ELSE 0 END AS within
    FROM {n["decision"]} d
    WHERE d.{n["has_target"]} AND d.{n["decision_service"]} IS NOT NULL
      AND d.{n["decided_at"]} >= %(from)s AND d.{n["decided_at"]} < %(until)s
),
{totals}
INSERT INTO {n["figure"]} ({n["f_service"]}, {n["f_period_start"]}, {n["f_period_end"]},
    {n["f_decided_count"]}, {n["f_within_count"]}, {n["f_median_gross"]},
    {n["f_median_net"]}, {n["f_unit"]}, {n["f_refreshed_at"]})
SELECT s.{n["service_id"]}, %(start)s, %(end)s, COALESCE(x.decided, 0), COALESCE(x.within, 0),
       x.median_gross, x.median_net,
       CASE WHEN s.{n["service_target_unit"]} = %(weeks)s THEN %(calendar)s
            ELSE s.{n["service_target_unit"]} END,
       %(now)s
FROM {n["service"]} s LEFT JOIN totals x ON x.service_id = s.{n["service_id"]}
WHERE 1 = 1
ORDER BY s.{n["service_id"]}
ON CONFLICT ({n["f_service"]}) DO UPDATE SET {updated}
"""  # noqa: S608


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=COPENHAGEN)


@transaction.atomic
def processing_times_refresh(*, today: date | None = None) -> int:
    """Recompute every service's figure for the 12 months before ``today`` (default: the
    Copenhagen date now); returns the number of rows written."""
    today = today or timezone.localdate()
    start, end = rolling_period(today)
    ops = connection.ops
    params = {
        "weeks": WEEKS,
        "calendar": "calendar",
        "from": ops.adapt_datetimefield_value(_midnight(start)),
        "until": ops.adapt_datetimefield_value(_midnight(end + timedelta(days=1))),
        "start": ops.adapt_datefield_value(start),
        "end": ops.adapt_datefield_value(end),
        "now": ops.adapt_datetimefield_value(timezone.now()),
    }
    with connection.cursor() as cursor:
        cursor.execute(_statement(), params)
        return cursor.rowcount
