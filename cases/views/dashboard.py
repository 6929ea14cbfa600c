"""The managers' service-target dashboard (issue 15): ``/staff/dashboard/``.

Managers see every department; a department lead reads the figures of their own
department(s) only: the filter's choices are theirs and the figures are held to them
whatever the query says. Businesses, caseworkers and other staff get 403, anonymous
users the login. Drill-down: the department table links to its services, every number
to the tasks behind it (a paginated list); every table has a CSV export with the same
access (``dashboard_export``).
"""

from fractions import Fraction
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kes.access import role_required
from routing.calendar import local_date

from ..pagination import RowsPaginator
from ..stats import presenting as show
from ..stats import selectors as stats
from .dashboard_access import READERS, dashboard_filters
from .dashboard_export import dashboard_export

PAGE_SIZE = 25
# Counted exactly up to this many tasks, then by the planner's estimate (as the case list).
EXACT_COUNT_UP_TO = 2000


def warning_percent() -> int:
    return int(Fraction(str(settings.KES_SLA_WARNING_SHARE)) * 100)


def _url(name: str, params: dict) -> str:
    query = urlencode(params)
    return reverse(name) + (f"?{query}" if query else "")


def _group_rows(filters, names, level):
    rows = stats.by_group(filters, level)
    for row in rows:
        row["name"] = names.get(row["code"], row["code"])
        narrowed = filters.query(**{level: row["code"]})
        if level == "department":
            row["drill_url"] = _url("staff_dashboard", narrowed)
        for figure in ("decided", "within", "over"):
            row[f"{figure}_url"] = _url("dashboard_tasks", {**narrowed, "figure": figure})
    return rows


@role_required(*READERS)
@never_cache
@require_GET
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    form, filters, department_names, service_names = dashboard_filters(request)
    today = local_date(timezone.now())
    level = "service" if filters.department or len(department_names) == 1 else "department"
    names = service_names if level == "service" else department_names
    groups = _group_rows(filters, names, level)
    trend = stats.trend(filters)
    channels = stats.channels(filters)
    backlog = stats.backlog(filters, today)
    summary = stats.summary(filters)
    percent = warning_percent()
    params = filters.query()

    def tasks_url(figure):
        return _url("dashboard_tasks", {**params, "figure": figure})

    def export_url(table):
        return _url("dashboard_export", {**params, "table": table})

    return render(
        request,
        "cases/dashboard/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "filters_query": urlencode(params),
            "lead_scope": filters.scope,
            "department_name": department_names.get(filters.department, ""),
            "summary": summary,
            "summary_share": show.percent(summary["share_within"]),
            "requests_per_case": show.number(summary["requests_per_case"], 2),
            "clocks": show.clock_rows(summary),
            "level": level,
            "groups": show.with_texts(groups),
            "group_items": show.group_items(groups),
            "group_summary": show.group_summary(groups),
            "trend": trend,
            "trend_items": show.trend_items(trend),
            "trend_summary": show.trend_summary(trend),
            "trend_rows": show.with_texts(trend),
            "channels": show.channel_items(channels),
            "channel_summary": show.channel_summary(channels),
            "backlog": backlog,
            "age_items": show.age_items(backlog),
            "age_summary": show.age_summary(backlog),
            "age_rows": show.band_rows(
                backlog,
                "age",
                {key: stats.bands.age_label(key) for key, *_ in stats.bands.AGE_BANDS},
                tasks_url,
            ),
            "use_items": show.use_items(backlog, percent),
            "use_summary": show.use_summary(backlog, percent),
            "use_rows": show.band_rows(
                backlog,
                "use",
                {key: stats.bands.use_label(key, percent) for key in stats.bands.USE_BANDS},
                tasks_url,
            ),
            "urls": {
                figure: tasks_url(figure)
                for figure in ("decided", "within", "over", "breached", "open")
            },
            "exports": {
                table: export_url(table)
                for table in ("summary", "groups", "trend", "channels", "age", "use")
            },
            "up_url": _url("staff_dashboard", filters.query(department="", service=""))
            if filters.department and filters.scope is None
            else "",
        },
    )


@role_required(*READERS)
@never_cache
@require_GET
def dashboard_tasks(request: HttpRequest) -> HttpResponse:
    """The tasks behind one figure of the dashboard, 25 a page."""
    form, filters, department_names, _services = dashboard_filters(request)
    today = local_date(timezone.now())
    figure = request.GET.get("figure", "decided")
    try:
        tasks = stats.tasks_behind(filters, figure, today)
    except KeyError:
        messages.warning(request, _("That figure is unknown; showing the decided tasks."))
        figure = "decided"
        tasks = stats.tasks_behind(filters, figure, today)
    paginator = RowsPaginator(
        tasks, PAGE_SIZE, rows=stats.task_rows, estimate_above=EXACT_COUNT_UP_TO
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "cases/dashboard/tasks.html",
        {
            "form": form,
            "filters": filters,
            "figure": figure,
            "figure_title": show.figure_title(figure, warning_percent()),
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2),
            "back_url": _url("staff_dashboard", filters.query()),
            "export_url": _url(
                "dashboard_export", {**filters.query(), "table": "tasks", "figure": figure}
            ),
            "today": today,
        },
    )


urlpatterns = [
    path("staff/dashboard/", staff_dashboard, name="staff_dashboard"),
    path("staff/dashboard/tasks/", dashboard_tasks, name="dashboard_tasks"),
    path("staff/dashboard/export/", dashboard_export, name="dashboard_export"),
]
