"""The managers' figures of free advice for a period: courses held, fill rate, no-show
rate, evaluations, counselling hours, topics raised, survival after 1, 2 and 3 years of
advised businesses against the rest. A fixed number of queries whatever the volume; the
maths is ``rules``'s."""

from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, F, Q, Sum

from .constants import BookingStatus, OfferingKind, RegistrationStatus, Topic
from .models import (
    CounsellingBooking,
    Evaluation,
    OutreachVisit,
    Registration,
    Session,
    SurvivalCheck,
)
from .rules import COPENHAGEN, Checked, fill_rate, no_show_rate, survival


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    start = datetime.combine(first, datetime.min.time(), tzinfo=COPENHAGEN)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=COPENHAGEN)
    return start, end


def advisory_figures(first: date, last: date) -> dict:
    """Figures for sessions and counselling held from ``first`` to ``last`` (inclusive)."""
    start, end = _bounds(first, last)
    held = Session.objects.filter(cancelled=False, starts_at__gte=start, starts_at__lt=end)
    sessions = held.aggregate(
        count=Count("pk", filter=Q(course__kind=OfferingKind.COURSE)),
        events=Count("pk", filter=Q(course__kind=OfferingKind.OUTREACH)),
        seats=Sum("capacity"),
    )
    seated = Registration.objects.filter(session__in=held, status=RegistrationStatus.CONFIRMED)
    people = seated.aggregate(
        taken=Count("pk"),
        recorded=Count("pk", filter=Q(attended__isnull=False)),
        attended=Count("pk", filter=Q(attended=True)),
    )
    evaluations = Evaluation.objects.filter(registration__session__in=held).aggregate(
        count=Count("pk"), average=Avg("rating")
    )
    counselling = CounsellingBooking.objects.filter(
        status=BookingStatus.BOOKED, slot__starts_at__gte=start, slot__starts_at__lt=end
    ).aggregate(count=Count("pk"), duration=Sum(F("slot__ends_at") - F("slot__starts_at")))
    duration = counselling["duration"] or timedelta()
    topics: dict[str, int] = {}
    visits = OutreachVisit.objects.filter(visited_on__range=(first, last)).values_list(
        "topics", "businesses_met"
    )
    met = 0
    for codes, count in visits:
        met += count
        for code in codes:
            topics[code] = topics.get(code, 0) + 1
    return {
        "first": first,
        "last": last,
        "courses_held": sessions["count"],
        "events_held": sessions["events"],
        "seats": sessions["seats"] or 0,
        "taken": people["taken"],
        "fill_rate": fill_rate(seats=sessions["seats"] or 0, taken=people["taken"]),
        "no_show_rate": no_show_rate(expected=people["recorded"], attended=people["attended"]),
        "evaluations": evaluations["count"],
        "rating": round(evaluations["average"], 2) if evaluations["average"] else None,
        "counselling_sessions": counselling["count"],
        "counselling_hours": round(duration.total_seconds() / 3600, 1),
        "businesses_met": met,
        "topics": sorted(
            (
                (Topic(code).label if code in Topic.values else code, n)
                for code, n in topics.items()
            ),
            key=lambda item: -item[1],
        ),
        "survival": survival_figures(),
    }


def survival_figures() -> dict:
    """``{"advised": {1: share, 2: …, 3: …}, "others": {…}}``: advised means the business
    (its CVR) attended a session or had counselling."""
    advised = set(
        Registration.objects.filter(attended=True).exclude(cvr="").values_list("cvr", flat=True)
    ) | set(
        CounsellingBooking.objects.filter(status=BookingStatus.BOOKED)
        .exclude(cvr="")
        .values_list("cvr", flat=True)
    )
    checks = SurvivalCheck.objects.values_list("cvr", "started_year", "year", "active")
    groups: dict[str, list[Checked]] = {"advised": [], "others": []}
    for cvr, started, year, active in checks:
        groups["advised" if cvr in advised else "others"].append(Checked(started, year, active))
    return {name: survival(items) for name, items in groups.items()}
