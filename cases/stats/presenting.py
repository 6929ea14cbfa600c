"""The dashboard's figures as tables, chart items and one-sentence summaries, in the active
language. No ORM: it shapes what ``selectors`` returned."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import Channel
from . import bands

FIGURES = {
    "decided": gettext_lazy("Tasks decided in the period"),
    "within": gettext_lazy("Tasks decided within target"),
    "over": gettext_lazy("Tasks decided over target"),
    "breached": gettext_lazy("Tasks whose breach was notified in the period"),
    "open": gettext_lazy("Open tasks"),
}


def figure_title(figure: str, warning_percent: int) -> str:
    kind, _sep, key = figure.partition(":")
    if kind == "age":
        return _("Open tasks: %(band)s") % {"band": bands.age_label(key)}
    if kind == "use":
        return _("Open tasks: %(band)s") % {"band": bands.use_label(key, warning_percent)}
    return str(FIGURES[figure])


def percent(share: float | None) -> str:
    if share is None:
        return "–"
    # number_format cuts decimals off; round first (2/3 is 67 %, not 66 %).
    return f"{number_format(round(share * 100), 0)} %"


def number(value: float | None, places: int = 1) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return number_format(value, 0)
    return number_format(round(value, places), places)


def month_label(month: date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def share_tone(share: float | None) -> str:
    if share is None:
        return "neutral"
    return "good" if share >= 0.9 else "warning" if share >= 0.75 else "bad"


def group_items(rows: list[dict]) -> list[tuple]:
    return [
        (
            row["name"],
            (row["share_within"] or 0) * 100,
            percent(row["share_within"]),
            share_tone(row["share_within"]),
        )
        for row in rows
    ]


def group_summary(rows: list[dict]) -> str:
    ranked = [row for row in rows if row["share_within"] is not None]
    if not ranked:
        return _("No task with a service target was decided in the period.")
    top = max(ranked, key=lambda row: row["share_within"])
    bottom = min(ranked, key=lambda row: row["share_within"])
    return _(
        "Highest share within target: %(top)s (%(top_share)s); lowest: %(bottom)s "
        "(%(bottom_share)s)."
    ) % {
        "top": top["name"],
        "top_share": percent(top["share_within"]),
        "bottom": bottom["name"],
        "bottom_share": percent(bottom["share_within"]),
    }


def trend_items(rows: list[dict]) -> list[tuple]:
    return [(month_label(row["month"]), row["decided"], number(row["decided"])) for row in rows]


def trend_summary(rows: list[dict]) -> str:
    busy = max(rows, key=lambda row: row["decided"], default=None)
    if busy is None or not busy["decided"]:
        return _("No tasks were decided in the period.")
    return _("Most tasks were decided in %(month)s: %(count)s.") % {
        "month": month_label(busy["month"]),
        "count": busy["decided"],
    }


def channel_items(rows: list[dict]) -> list[tuple]:
    counts = {row["channel"]: row["cases"] for row in rows}
    return [
        (label, counts.get(value, 0), number(counts.get(value, 0)))
        for value, label in Channel.choices
    ]


def channel_summary(rows: list[dict]) -> str:
    total = sum(row["cases"] for row in rows)
    if not total:
        return _("No cases were decided in the period.")
    digital = sum(row["cases"] for row in rows if row["channel"] == Channel.DIGITAL)
    return _("%(share)s of the %(total)s cases came digitally.") % {
        "share": percent(digital / total),
        "total": total,
    }


def age_items(backlog: dict) -> list[tuple]:
    return [
        (bands.age_label(key), backlog[f"age:{key}"], number(backlog[f"age:{key}"]))
        for key, _first, _last in bands.AGE_BANDS
    ]


def age_summary(backlog: dict) -> str:
    oldest = bands.AGE_BANDS[-1][0]
    return _("%(open)s open tasks; %(old)s of them were received more than 90 days ago.") % {
        "open": backlog["open"],
        "old": backlog[f"age:{oldest}"],
    }


USE_TONES = {
    bands.BELOW_WARNING: "good",
    bands.AT_WARNING: "warning",
    bands.OVER_TARGET: "bad",
    bands.WAITING: "neutral",
    bands.NO_TARGET: "neutral",
}


def use_items(backlog: dict, warning_percent: int) -> list[tuple]:
    return [
        (
            bands.use_label(key, warning_percent),
            backlog[f"use:{key}"],
            number(backlog[f"use:{key}"]),
            USE_TONES[key],
        )
        for key in bands.USE_BANDS
    ]


def use_summary(backlog: dict, warning_percent: int) -> str:
    return _(
        "%(over)s open tasks are over their target and %(warning)s have used at least "
        "%(percent)s %% of it."
    ) % {
        "over": backlog[f"use:{bands.OVER_TARGET}"],
        "warning": backlog[f"use:{bands.AT_WARNING}"],
        "percent": warning_percent,
    }


CLOCK_LABELS = {
    "gross": gettext_lazy("Gross"),
    "net": gettext_lazy("Net"),
    "national": gettext_lazy("National clock"),
}


def clock_rows(summary: dict) -> list[dict]:
    return [
        {
            "key": key,
            "label": str(label),
            "p50": number(summary[f"{key}_p50"]),
            "p90": number(summary[f"{key}_p90"]),
        }
        for key, label in CLOCK_LABELS.items()
    ]


def with_texts(rows: list[dict]) -> list[dict]:
    """Rows of counts with their share and percentiles as text."""
    for row in rows:
        row["share_text"] = percent(row["share_within"])
        row["net_p50_text"] = number(row.get("net_p50"))
        row["net_p90_text"] = number(row.get("net_p90"))
        if "month" in row:
            row["label"] = month_label(row["month"])
    return rows


def band_rows(backlog: dict, kind: str, labels: dict[str, str], url) -> list[dict]:
    return [
        {"key": key, "label": label, "count": backlog[f"{kind}:{key}"], "url": url(f"{kind}:{key}")}
        for key, label in labels.items()
    ]
