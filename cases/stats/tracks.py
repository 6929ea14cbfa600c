"""Track and pilot figures (issue 15, section 2): cases per track and month, star meetings
held and their outcomes, pilot portfolios, and the assisted → self-service conversion.

Every figure is one aggregate query in the database (conditional aggregation); nothing
loads the rows it counts. The selectors take plain keywords, the fields of
``cases.stats.filters.StatsFilters``: ``departments`` is a set of department codes (None:
all), ``service``, ``track`` and ``channel`` are codes or values ("" for all).

Periods: a case counts in the month it was received, a meeting in the month it was held,
a breach on the day it was notified. Open cases per pilot are as of now.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, DateField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth

from routing.calendar import COPENHAGEN

from ..constants import OPEN_TASK_STATUSES, CaseStatus, Channel, MeetingStatus, Track
from ..models import Business, Case, CaseService, DepartmentTask, StarMeeting
from ..selectors.breaches import breach_task_ids
from .conversion import NOT_AN_APPLICATION, share
from .periods import bounds, months_between


def case_conditions(
    *,
    case: str = "pk",
    departments: Iterable[str] | None = None,
    service: str = "",
    track: str = "",
    channel: str = "",
) -> list:
    """The filter conditions on a case reached through ``case`` (the case's own ``pk``,
    or ``case_id`` of a row that points to one): subqueries, so no join multiplies rows."""
    prefix = "" if case == "pk" else case.removesuffix("_id") + "__"
    conditions: list = []
    if track:
        conditions.append(Q(**{f"{prefix}track": track}))
    if channel:
        conditions.append(Q(**{f"{prefix}channel": channel}))
    if departments is not None:
        conditions.append(
            Exists(
                DepartmentTask.objects.filter(
                    case_id=OuterRef(case), department__code__in=list(departments)
                )
            )
        )
    if service:
        conditions.append(
            Exists(CaseService.objects.filter(case_id=OuterRef(case), service__code=service))
        )
    return conditions


def _month(field: str):
    return TruncMonth(field, tzinfo=COPENHAGEN, output_field=DateField())


def cases_per_track(
    *,
    date_from: date,
    date_to: date,
    departments: Iterable[str] | None = None,
    service: str = "",
    track: str = "",
    channel: str = "",
) -> dict:
    """Cases received per month and track: ``{"months": [{"month", "counts": {track: n},
    "total"}], "totals": {track: n}, "total": n, "tracks": [(value, label)]}``; every month of
    the period has a row, months without cases count zero."""
    start, end = bounds(date_from, date_to)
    tracks = [(value, label) for value, label in Track.choices if not track or value == track]
    rows = (
        Case.objects.filter(
            *case_conditions(
                departments=departments, service=service, track=track, channel=channel
            ),
            received_at__gte=start,
            received_at__lt=end,
        )
        .annotate(month=_month("received_at"))
        .values("month")
        .annotate(**{value: Count("pk", filter=Q(track=value)) for value, _ in tracks})
        .order_by("month")
    )
    by_month = {row["month"]: row for row in rows}
    months = []
    for month in months_between(date_from, date_to):
        row = by_month.get(month, {})
        counts = {value: row.get(value, 0) for value, _ in tracks}
        months.append({"month": month, "counts": counts, "total": sum(counts.values())})
    totals = {value: sum(m["counts"][value] for m in months) for value, _ in tracks}
    return {"months": months, "totals": totals, "total": sum(totals.values()), "tracks": tracks}


def star_meetings(
    *,
    date_from: date,
    date_to: date,
    departments: Iterable[str] | None = None,
    service: str = "",
    track: str = "",
    channel: str = "",
) -> dict:
    """Star meetings held per month (by their start) and the departments' outcomes: a
    decision given at the meeting or a follow-up. With ``departments``, the meetings of
    cases those departments work on and only those departments' outcomes."""
    start, end = bounds(date_from, date_to)
    outcome = Q()
    if departments is not None:
        outcome = Q(outcomes__department__code__in=list(departments))
    rows = (
        StarMeeting.objects.filter(
            *case_conditions(
                case="case_id",
                departments=departments,
                service=service,
                track=track,
                channel=channel,
            ),
            status=MeetingStatus.HELD,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .annotate(month=_month("starts_at"))
        .values("month")
        .annotate(
            held=Count("pk", distinct=True),
            at_meeting=Count("outcomes", filter=outcome & Q(outcomes__decided_at_meeting=True)),
            follow_up=Count("outcomes", filter=outcome & Q(outcomes__decided_at_meeting=False)),
        )
        .order_by("month")
    )
    by_month = {row["month"]: row for row in rows}
    keys = ("held", "at_meeting", "follow_up")
    months = [
        {"month": month, **{key: by_month.get(month, {}).get(key, 0) for key in keys}}
        for month in months_between(date_from, date_to)
    ]
    totals = {key: sum(m[key] for m in months) for key in keys}
    outcomes = totals["at_meeting"] + totals["follow_up"]
    return {
        "months": months,
        **totals,
        "outcomes": outcomes,
        "at_meeting_share": share(totals["at_meeting"], outcomes),
    }


def pilot_portfolios(**filters) -> list[dict]:
    """One row per business pilot with open cases now or breaches in the period: ``pilot``
    (id), ``name``, ``open_cases``, ``open_breached`` (open tasks past their target now) and
    ``breaches`` (breaches notified in the period) on the pilot's cases. With
    ``departments``: the cases those departments work on and their tasks only."""
    return [pilot_row(row) for row in pilot_portfolio_rows(**filters)]


def pilot_portfolio_rows(
    *,
    date_from: date,
    date_to: date,
    departments: Iterable[str] | None = None,
    service: str = "",
    track: str = "",
    channel: str = "",
):
    """``pilot_portfolios`` as the aggregate's queryset (most open cases first), so a page
    counts and slices it in the database; ``pilot_row`` makes each row a portfolio."""
    start, end = bounds(date_from, date_to)
    task = Q()
    if departments is not None:
        task = Q(tasks__department__code__in=list(departments))
    return (
        Case.objects.filter(
            *case_conditions(
                departments=departments, service=service, track=track, channel=channel
            ),
            pilot__isnull=False,
        )
        .values("pilot", "pilot__username", "pilot__first_name", "pilot__last_name")
        .annotate(
            open_cases=Count("pk", filter=~Q(status=CaseStatus.CLOSED), distinct=True),
            open_breached=Count(
                "tasks",
                filter=task
                & Q(tasks__status__in=OPEN_TASK_STATUSES, tasks__pk__in=breach_task_ids()),
                distinct=True,
            ),
            breaches=Count(
                "tasks",
                filter=task & Q(tasks__pk__in=breach_task_ids(start=start, end=end)),
                distinct=True,
            ),
        )
        .filter(Q(open_cases__gt=0) | Q(breaches__gt=0))
        .order_by("-open_cases", "-breaches", "pilot__username")
    )


def pilot_row(row: dict) -> dict:
    return {
        "pilot": row["pilot"],
        "name": " ".join(filter(None, (row["pilot__first_name"], row["pilot__last_name"])))
        or row["pilot__username"],
        "open_cases": row["open_cases"],
        "open_breached": row["open_breached"],
        "breaches": row["breaches"],
    }


def assisted_q(prefix: str = "") -> Q:
    """``conversion.is_assisted`` as a condition on a case."""
    return ~Q(**{f"{prefix}track__in": NOT_AN_APPLICATION}) & (
        Q(**{f"{prefix}track": Track.ASSISTED})
        | Q(**{f"{prefix}channel__in": [Channel.PHONE, Channel.COUNTER]})
    )


def self_service_cases():
    """``conversion.is_self_service`` as a queryset of cases: digital, not on the assisted
    or immediate track, registered by no staff member, submitted by a user of the business."""
    return Case.objects.filter(
        channel=Channel.DIGITAL,
        assisted_by__isnull=True,
        submitted_by__business_memberships__business_id=F("business_id"),
    ).exclude(track__in=[Track.ASSISTED, *NOT_AN_APPLICATION])


def assisted_conversion(
    *,
    date_from: date,
    date_to: date,
    departments: Iterable[str] | None = None,
    service: str = "",
    track: str = "",
    channel: str = "",
) -> dict:
    """The cohort of businesses assisted in the period and how many of them converted, came
    back assisted or have not come back (the rule is ``cases.stats.conversion``'s). The
    track and channel filters do not apply: the rule fixes them. ``departments`` and
    ``service`` pick the assisted cases that put a business in the cohort."""
    start, end = bounds(date_from, date_to)
    anchors = (
        Case.objects.filter(
            assisted_q(),
            *case_conditions(departments=departments, service=service),
            business_id=OuterRef("pk"),
            received_at__gte=start,
            received_at__lt=end,
        )
        .order_by("received_at")
        .values("received_at")[:1]
    )
    later = Case.objects.filter(business_id=OuterRef("pk"), received_at__gt=OuterRef("anchor"))
    self_served = self_service_cases().filter(
        business_id=OuterRef("pk"), received_at__gt=OuterRef("anchor")
    )
    figures = (
        Business.objects.annotate(anchor=Subquery(anchors))
        .filter(anchor__isnull=False)
        .annotate(
            is_converted=Exists(self_served),
            is_back=Exists(later.filter(assisted_q())),
        )
        .aggregate(
            cohort=Count("pk"),
            converted=Count("pk", filter=Q(is_converted=True)),
            came_back_assisted=Count("pk", filter=Q(is_converted=False, is_back=True)),
        )
    )
    cohort = figures["cohort"]
    figures["not_back"] = cohort - figures["converted"] - figures["came_back_assisted"]
    figures["converted_share"] = share(figures["converted"], cohort)
    return figures
