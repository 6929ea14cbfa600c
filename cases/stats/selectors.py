"""The statistics' reads: each figure is one aggregate query (DESIGN.md §5).

Rules:
- The figures count decision tasks (one per service and department), never KES's own.
- Decided in the period: the decision's date (Europe/Copenhagen) between the filters'
  dates, read as a range of ``decided_at`` on its index. The decided figures read the
  decision rows alone: each carries its task's department, service, case, track, channel,
  target rule and request count (``cases.services.decision_facts``), so no pass over the
  period joins the tasks or the cases.
- Within target: the task has a target and its net units (stored on the decision) are at
  most the target's units (weeks count 7 days): the rule of DESIGN.md §5, the same the
  case API's ``breached`` applies to a decided task, kept on the decision as
  ``has_target`` and ``within_target``. Tasks without a target count as decided but
  neither within nor over.
- Breaches: tasks whose breach was notified in the period (their ``TaskMilestone`` breach
  row's ``reached_at``, a subquery on ``cases_milestone_breached``).
- Information requests per case: requests on the decided tasks (counted on each decision
  when it was made; none can be added later) over their distinct cases.
- Percentiles of gross, net and national units: ``aggregates`` (percentile_cont or counts).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth

from kes.access import has_role
from kes.constants import Role
from routing.calendar import COPENHAGEN
from routing.constants import MembershipRole
from routing.models import Department, DepartmentMembership

from ..constants import OPEN_TASK_STATUSES, Milestone, TaskKind, TaskStatus
from ..models import CaseService, Decision, DepartmentTask
from ..selectors.breaches import breach_task_ids
from . import bands
from .aggregates import native, percentile_annotations, percentiles_by_counts, unpack
from .filters import StatsFilters
from .periods import bounds, months_between

# Columns of the decision rows (``decisions``).
CLOCKS = {"gross": "gross_units", "net": "net_units", "national": "national_days"}
FRACTIONS = {"p50": 0.5, "p90": 0.9}
GROUPS = {"department": "department__code", "service": "service__code"}
HAS_TARGET = Q(has_target=True)
WITHIN = Q(within_target=True)
# Of an open task (the backlog).
TASK_HAS_TARGET = Q(target_days__isnull=False)


def may_see_dashboard(user) -> bool:
    return has_role(user, Role.MANAGER, Role.DEPARTMENT_LEAD)


def scope_of(user) -> frozenset[str] | None:
    """The department codes a reader is held to: None (all) for managers, a lead's own."""
    if has_role(user, Role.MANAGER):
        return None
    return frozenset(
        DepartmentMembership.objects.filter(user=user, role=MembershipRole.LEAD).values_list(
            "department__code", flat=True
        )
    )


def filter_choices(scope: frozenset[str] | None):
    """(code, name) of the departments and of the catalogue services to filter by."""
    departments = Department.objects.order_by("code")
    if scope is not None:
        departments = departments.filter(code__in=scope)
    services = _service_model().objects.order_by("code")
    department_choices = sorted(((d.code, d.name) for d in departments), key=lambda c: c[1])
    service_choices = sorted(((s.code, s.name) for s in services), key=lambda c: c[1])
    return department_choices, service_choices


def period_bounds(filters: StatsFilters) -> tuple[datetime, datetime]:
    return bounds(filters.date_from, filters.date_to)


def tasks(filters: StatsFilters) -> QuerySet[DepartmentTask]:
    """Decision tasks matching the filters other than the period."""
    rows = DepartmentTask.objects.filter(kind=TaskKind.DECISION)
    departments = filters.departments()
    if departments is not None:
        rows = rows.filter(department__code__in=departments)
    if filters.service:
        rows = rows.filter(case_service__service__code=filters.service)
    if filters.track:
        rows = rows.filter(case__track=filters.track)
    if filters.channel:
        rows = rows.filter(case__channel=filters.channel)
    return rows.order_by()


def _service_model():
    return CaseService._meta.get_field("service").related_model


def decisions(filters: StatsFilters) -> QuerySet[Decision]:
    """The decisions of the period matching the filters, from the decision rows alone
    (departments and the service by code: a subquery of their small tables)."""
    start, end = period_bounds(filters)
    rows = Decision.objects.filter(decided_at__gte=start, decided_at__lt=end)
    departments = filters.departments()
    if departments is not None:
        rows = rows.filter(department__in=Department.objects.filter(code__in=departments))
    if filters.service:
        rows = rows.filter(service__in=_service_model().objects.filter(code=filters.service))
    if filters.track:
        rows = rows.filter(track=filters.track)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    return rows.order_by()


# Rows counted by a column the figures' covering index holds (never null), not by id.
ROW = "decided_at"


def _counts() -> dict:
    return {
        "decided": Count(ROW),
        "with_target": Count(ROW, filter=HAS_TARGET),
        "within": Count(ROW, filter=WITHIN),
    }


def _shared(row: dict) -> dict:
    row["over"] = row["with_target"] - row["within"]
    row["share_within"] = row["within"] / row["with_target"] if row["with_target"] else None
    return row


def summary(filters: StatsFilters) -> dict:
    """Decided tasks, within target, cases, percentiles of the three clocks, requests."""
    rows = decisions(filters)
    aggregates = {
        **_counts(),
        "cases": Count("case_id", distinct=True),
        "requests": Coalesce(Sum("requests"), 0),
    }
    if native(rows):
        aggregates.update(percentile_annotations(CLOCKS, FRACTIONS))
    result = rows.aggregate(**aggregates)
    if native(rows):
        unpack(result, CLOCKS, FRACTIONS)
    else:
        result.update(percentiles_by_counts(rows, CLOCKS, FRACTIONS).get((), {}))
    for name in CLOCKS:
        for label in FRACTIONS:
            result.setdefault(f"{name}_{label}", None)
    result["requests_per_case"] = result["requests"] / result["cases"] if result["cases"] else None
    return _shared(result)


def by_group(filters: StatsFilters, level: str) -> list[dict]:
    """Per department or per service (``level``): counts, share within and net p50/p90."""
    key = GROUPS[level]
    rows = decisions(filters).values(key)
    net = {"net": CLOCKS["net"]}
    annotations = _counts()
    if native(rows):
        annotations.update(percentile_annotations(net, FRACTIONS))
    result = list(rows.annotate(**annotations).order_by(key))
    if native(rows):
        result = [unpack(row, net, FRACTIONS) for row in result]
    else:
        percentiles = percentiles_by_counts(decisions(filters), net, FRACTIONS, group_by=(key,))
        for row in result:
            row.update(percentiles.get((row[key],), {}))
    for row in result:
        row["code"] = row.pop(key)
    return [_shared(row) for row in result]


def trend(filters: StatsFilters) -> list[dict]:
    """Per month of decision: counts, share within and the median net units."""
    month = TruncMonth("decided_at", tzinfo=COPENHAGEN)
    rows = decisions(filters).annotate(month=month).values("month")
    net = {"net": CLOCKS["net"]}
    annotations = _counts()
    if native(rows):
        annotations.update(percentile_annotations(net, {"p50": 0.5}))
    result = list(rows.annotate(**annotations).order_by("month"))
    if native(rows):
        result = [unpack(row, net, {"p50": 0.5}) for row in result]
    else:
        grouped = decisions(filters).annotate(month=month)
        percentiles = percentiles_by_counts(grouped, net, {"p50": 0.5}, group_by=("month",))
        for row in result:
            row.update(percentiles.get((row["month"],), {}))
    by_month = {_month_of(row["month"]): _shared(row) for row in result}
    empty = {"decided": 0, "with_target": 0, "within": 0, "net_p50": None}
    return [
        {**(by_month.get(first) or _shared(dict(empty))), "month": first}
        for first in months_between(filters.date_from, filters.date_to)
    ]


def _month_of(value) -> date:
    if isinstance(value, datetime):
        value = value.astimezone(COPENHAGEN).date() if value.tzinfo else value.date()
    return value.replace(day=1)


def channels(filters: StatsFilters) -> list[dict]:
    """Distinct cases and tasks decided per channel of the case."""
    rows = (
        decisions(filters)
        .values("channel")
        .annotate(cases=Count("case_id", distinct=True), tasks=Count(ROW))
        .order_by("channel")
    )
    return list(rows)


def _age_q(band: bands.ReceivedRange) -> Q:
    condition = Q(received_on__lte=band.received_to)
    if band.received_from is not None:
        condition &= Q(received_on__gte=band.received_from)
    return condition


def use_conditions(today: date) -> dict[str, Q]:
    working = ~Q(status=TaskStatus.WAITING) & TASK_HAS_TARGET
    return {
        bands.BELOW_WARNING: working
        & (Q(warning_on__gt=today) | Q(warning_on__isnull=True))
        & (Q(deadline__gte=today) | Q(deadline__isnull=True)),
        bands.AT_WARNING: working & Q(warning_on__lte=today, deadline__gte=today),
        bands.OVER_TARGET: working & Q(deadline__lt=today),
        bands.WAITING: Q(status=TaskStatus.WAITING),
        bands.NO_TARGET: ~Q(status=TaskStatus.WAITING) & Q(target_days__isnull=True),
    }


DECIDED_FIGURES = {"decided": Q(), "within": WITHIN, "over": HAS_TARGET & ~WITHIN}


def figure_conditions(filters: StatsFilters, today: date) -> dict[str, Q]:
    """Every drill-down figure as a condition on ``tasks(filters)``; the decided ones are
    their decisions' tasks (``decisions``), which hold to the filters themselves."""
    start, end = period_bounds(filters)
    is_open = Q(status__in=OPEN_TASK_STATUSES)
    conditions = {
        **{
            key: Q(pk__in=decisions(filters).filter(condition).values("task_id"))
            for key, condition in DECIDED_FIGURES.items()
        },
        "breached": Q(pk__in=breach_task_ids(start=start, end=end)),
        "open": is_open,
    }
    for band in bands.age_ranges(today):
        conditions[f"age:{band.key}"] = is_open & _age_q(band)
    for key, condition in use_conditions(today).items():
        conditions[f"use:{key}"] = is_open & condition
    return conditions


def backlog(filters: StatsFilters, today: date) -> dict:
    """Open tasks now by age band and by share of the target used, and the breaches of the
    period (all of them and those still open): two queries, each on its own index. (One
    over "open or breached in the period" read every task: an OR across the task and its
    milestone cannot be answered from both indexes.)"""
    conditions = figure_conditions(filters, today)
    keys = ["open"] + [k for k in conditions if k.startswith(("age:", "use:"))]
    figures = (
        tasks(filters)
        .filter(conditions["open"])
        .aggregate(**{key: Count("id", filter=conditions[key]) for key in keys})
    )
    start, end = period_bounds(filters)
    # A task has one breach row at most (the primary key is task and milestone): the join
    # counts each task once, and the planner drives it from the breaches' own index.
    figures |= (
        tasks(filters)
        .filter(
            milestones__milestone=Milestone.BREACH,
            milestones__reached_at__gte=start,
            milestones__reached_at__lt=end,
        )
        .aggregate(breached=Count("id"), breached_open=Count("id", filter=conditions["open"]))
    )
    return figures


def tasks_behind(filters: StatsFilters, figure: str, today: date) -> QuerySet[DepartmentTask]:
    """The tasks behind one figure, newest first; KeyError for an unknown figure."""
    condition = figure_conditions(filters, today)[figure]
    rows = DepartmentTask.objects.all() if figure in DECIDED_FIGURES else tasks(filters)
    return rows.filter(condition).order_by("-received_on", "-id")


def task_rows(queryset: QuerySet[DepartmentTask]) -> QuerySet[DepartmentTask]:
    """What a drill-down row shows, for the rows of one page."""
    return queryset.select_related(
        "case", "case__business", "department", "case_service__service", "decision"
    ).order_by("-received_on", "-id")
