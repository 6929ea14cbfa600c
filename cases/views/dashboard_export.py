"""CSV exports of the dashboard's tables (``/staff/dashboard/export/?table=…``), streamed.

The same access and filters as the dashboard. The aggregate tables are a few rows; the
tasks behind a figure may be a million, so they are read in chunks (``iterator``) while
the response is written and never held in memory.
"""

from django.http import HttpRequest, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kes.access import role_required
from routing.calendar import local_date

from ..selectors.breaches import with_breach
from ..stats import bands
from ..stats import selectors as stats
from ..stats.export import csv_lines
from .dashboard_access import READERS, dashboard_filters

CHUNK = 2000
TASK_COLUMNS = (
    ("case", "case__reference"),
    ("department", "department__code"),
    ("service", "case_service__service__code"),
    ("track", "case__track"),
    ("channel", "case__channel"),
    ("status", "status"),
    ("received_on", "received_on"),
    ("target_days", "target_days"),
    ("target_unit", "target_unit"),
    ("deadline", "deadline"),
    ("decided_at", "decision__decided_at"),
    ("gross_units", "decision__gross_units"),
    ("net_units", "decision__net_units"),
    ("national_days", "decision__national_days"),
    # The breach the sweep recorded (``TaskMilestone``), joined by ``_tasks``.
    ("breached_at", "breach__reached_at"),
)
CLOCK_COLUMNS = [f"{c}_{p}" for c in stats.CLOCKS for p in stats.FRACTIONS]


def _iso(value):
    if hasattr(value, "astimezone"):
        return timezone.localtime(value).isoformat()
    return value.isoformat() if hasattr(value, "isoformat") else value


def _tasks(filters, figure, today):
    rows = with_breach(stats.tasks_behind(filters, figure, today))
    rows = rows.values_list(*(f for _, f in TASK_COLUMNS))
    for row in rows.iterator(chunk_size=CHUNK):
        yield [_iso(value) for value in row]


def _table(filters, table, today, figure):
    """(header, rows) of one table; KeyError for an unknown one."""
    if table == "summary":
        summary = stats.summary(filters)
        keys = ["decided", "with_target", "within", "over", "share_within", "cases"]
        keys += CLOCK_COLUMNS + ["requests", "requests_per_case"]
        return keys, [[summary[key] for key in keys]]
    if table == "groups":
        level = "service" if filters.department else "department"
        keys = ["decided", "with_target", "within", "over", "share_within", "net_p50", "net_p90"]
        rows = stats.by_group(filters, level)
        return [level, *keys], ([row["code"], *(row.get(k) for k in keys)] for row in rows)
    if table == "trend":
        keys = ["decided", "with_target", "within", "share_within", "net_p50"]
        rows = stats.trend(filters)
        return ["month", *keys], ([r["month"].isoformat()[:7], *(r[k] for k in keys)] for r in rows)
    if table == "channels":
        rows = stats.channels(filters)
        return ["channel", "cases", "tasks"], ([r["channel"], r["cases"], r["tasks"]] for r in rows)
    if table in ("age", "use"):
        backlog = stats.backlog(filters, today)
        keys = [key for key, *_ in bands.AGE_BANDS] if table == "age" else list(bands.USE_BANDS)
        return ["band", "open_tasks"], ([key, backlog[f"{table}:{key}"]] for key in keys)
    if table == "tasks":
        stats.figure_conditions(filters, today)[figure]  # KeyError for an unknown figure
        return [name for name, _ in TASK_COLUMNS], _tasks(filters, figure, today)
    raise KeyError(table)


@role_required(*READERS)
@never_cache
@require_GET
def dashboard_export(request: HttpRequest):
    form, filters, _departments, _services = dashboard_filters(request)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in form.api_errors().items()),
            content_type="text/plain; charset=utf-8",
        )
    table = request.GET.get("table", "")
    figure = request.GET.get("figure", "decided")
    try:
        header, rows = _table(filters, table, local_date(timezone.now()), figure)
    except KeyError:
        return HttpResponseBadRequest("Unknown table or figure.", content_type="text/plain")
    name = f"kes-{table}-{filters.date_from:%Y%m%d}-{filters.date_to:%Y%m%d}.csv"
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
