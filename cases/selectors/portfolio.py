"""Reads for a business pilot's work: the portfolio (their businesses by CVR, each open
case with its tasks across departments, the pilot's notes and open follow-ups), the
follow-ups they must do, and one case's pilot page.

The portfolio is one query for the cases and one per related list (tasks, follow-ups,
notes, introductions): the same number whatever the number of cases.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import F, Min, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Least
from django.utils import timezone

from kes.access import get_for_user_or_404
from routing.calendar import local_date
from routing.clock import task_days
from routing.sla import share_used

from ..constants import OPEN_TASK_STATUSES, CaseStatus, TaskKind, TaskStatus
from ..models import Case, DepartmentTask, FollowUp, InternalNote, PilotIntroduction
from ..tracks import closes_via_pilot
from .core import cases_visible_to

# How the portfolio may be sorted; the first is the default.
PORTFOLIO_ORDERS = ("urgent", "received", "business")


def _task_rows():
    return DepartmentTask.objects.select_related("department", "case_service__service").order_by(
        F("deadline").asc(nulls_last=True), "pk"
    )


def _open_follow_ups():
    return (
        FollowUp.objects.filter(done_at__isnull=True)
        .select_related("task__department", "department")
        .order_by("due_on", "pk")
    )


def _earliest(queryset: QuerySet, column: str) -> Subquery:
    return Subquery(
        queryset.filter(case_id=OuterRef("pk"))
        .order_by()
        .values("case_id")
        .annotate(first=Min(column))
        .values("first")[:1]
    )


def portfolio_cases(pilot, *, order: str = "urgent") -> QuerySet[Case]:
    """The pilot's open cases with everything the portfolio shows. ``urgent_on`` is the
    earliest open deadline or follow-up due date of each."""
    deadlines = _earliest(DepartmentTask.objects.filter(status__in=OPEN_TASK_STATUSES), "deadline")
    dues = _earliest(FollowUp.objects.filter(done_at__isnull=True), "due_on")
    cases = (
        Case.objects.filter(pilot=pilot)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("business")
        .annotate(next_deadline=deadlines, next_due=dues)
        .annotate(urgent_on=Least("next_deadline", "next_due"))
        .prefetch_related(
            Prefetch("tasks", queryset=_task_rows(), to_attr="portfolio_tasks"),
            Prefetch("follow_ups", queryset=_open_follow_ups(), to_attr="open_follow_ups"),
            Prefetch(
                "notes",
                queryset=InternalNote.objects.filter(author=pilot).order_by("-created_at", "-pk"),
                to_attr="pilot_notes",
            ),
            Prefetch(
                "introductions",
                queryset=PilotIntroduction.objects.select_related("department"),
                to_attr="introduction_rows",
            ),
        )
    )
    if order == "received":
        return cases.order_by("received_at", "pk")
    if order == "business":
        return cases.order_by("business__name", "business__cvr", "received_at", "pk")
    # PostgreSQL's LEAST skips NULLs; SQLite's is NULL when either is, so the two dates
    # follow as tiebreaks. Either way a case with a date sorts before one without.
    return cases.order_by(
        F("urgent_on").asc(nulls_last=True),
        F("next_deadline").asc(nulls_last=True),
        F("next_due").asc(nulls_last=True),
        "received_at",
        "pk",
    )


def task_share_used(task: DepartmentTask, *, today: date) -> int | None:
    """The share of the service target a task has used, in per cent (None: no target)."""
    if not task.target_days or task.kind != TaskKind.DECISION:
        return None
    end = (
        local_date(task.completed_at)
        if task.status == TaskStatus.DONE and task.completed_at
        else today
    )
    days = task_days(
        task.received_on,
        end,
        task.paused_units,
        task.paused_since,
        task.target_unit,
        closing_days=settings.KES_CLOSING_DAYS,
    )
    return round(share_used(days.net, task.target_days, task.target_unit) * 100)


def case_stage(case: Case) -> str:
    """Where a pilot case stands for its pilot: ``introduce`` (KES's task waits for the
    introductions), ``departments`` (they work), ``close`` (all decided: the pilot closes)."""
    tasks = case.portfolio_tasks
    if any(t.kind == TaskKind.ASSIGN_PILOT and t.is_open for t in tasks):
        return "introduce"
    decisions = [t for t in tasks if t.kind == TaskKind.DECISION]
    if decisions and all(not t.is_open for t in decisions) and closes_via_pilot(case.track):
        return "close"
    return "departments"


@dataclass
class PortfolioBusiness:
    business: object
    cases: list = field(default_factory=list)


def pilot_portfolio(pilot, *, order: str = "urgent") -> list[PortfolioBusiness]:
    """The portfolio grouped by business (CVR), businesses in the order of their first
    case in ``order``; each case carries ``stage`` and its tasks ``share_used``."""
    today = local_date(timezone.now())
    groups: dict[int, PortfolioBusiness] = {}
    for case in portfolio_cases(pilot, order=order):
        case.stage = case_stage(case)
        for task in case.portfolio_tasks:
            task.share_used = task_share_used(task, today=today)
            task.overdue = bool(task.is_open and task.deadline and task.deadline < today)
        for follow_up in case.open_follow_ups:
            follow_up.overdue = follow_up.due_on < today
        group = groups.setdefault(case.business_id, PortfolioBusiness(case.business))
        group.cases.append(case)
    return list(groups.values())


def follow_ups_visible_to(queryset: QuerySet[FollowUp], user) -> QuerySet[FollowUp]:
    """Follow-ups of the cases a user may see."""
    return queryset.filter(case__in=cases_visible_to(Case.objects.all(), user))


def my_follow_ups(user, *, done: bool = False) -> QuerySet[FollowUp]:
    """The user's follow-ups (open by default), most urgent first, on cases they see."""
    rows = follow_ups_visible_to(
        FollowUp.objects.filter(assignee=user, done_at__isnull=not done), user
    )
    return rows.select_related(
        "case", "case__business", "task__department", "department", "task__case_service__service"
    ).order_by("due_on", "pk")


def follow_up_for_page(user, follow_up_id: int) -> FollowUp:
    """One follow-up with what its page shows; 404 unless its case is visible to the user."""
    rows = FollowUp.objects.select_related(
        "case",
        "case__business",
        "case__pilot",
        "assignee",
        "task__department",
        "task__case_service__service",
        "department",
        "created_by",
        "done_by",
    )
    return get_for_user_or_404(rows, user, visible=follow_ups_visible_to, pk=follow_up_id)


def pilot_case_page(case: Case) -> Case:
    """A case with what its pilot page shows (tasks, introductions, follow-ups)."""
    return (
        Case.objects.select_related("business", "pilot", "pilot_summary")
        .prefetch_related(
            Prefetch("tasks", queryset=_task_rows(), to_attr="portfolio_tasks"),
            Prefetch(
                "introductions",
                queryset=PilotIntroduction.objects.select_related("department", "recorded_by"),
                to_attr="introduction_rows",
            ),
            Prefetch("follow_ups", queryset=_open_follow_ups(), to_attr="open_follow_ups"),
        )
        .get(pk=case.pk)
    )
