"""Bar charts of statistics as server-rendered SVG beside their table
(``{% load stats_charts %}``; the geometry is ``cases.stats.charts``)."""

from itertools import count

from django import template

from ..stats.charts import bar_geometry

register = template.Library()
_ids = count(1)


@register.inclusion_tag("cases/dashboard/_bar_chart.html")
def bar_chart(items, title, summary, value_label="", label_header="", table=True, chart_id=""):
    """``{% bar_chart items title summary value_label=… label_header=… table=True %}``:
    ``items`` are (label, value, text shown) or (label, value, text, tone) with tone one of
    neutral, good, warning, bad. With ``table`` the include draws the data table beside the
    chart; without, the page shows a fuller table of its own beside it."""
    return {
        "chart": bar_geometry(list(items)),
        "items": list(items),
        "title": title,
        "summary": summary,
        "value_label": value_label,
        "label_header": label_header,
        "table": table,
        "chart_id": chart_id or f"chart-{next(_ids)}",
    }
