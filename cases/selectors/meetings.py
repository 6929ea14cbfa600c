"""Reads for star meetings: the triage committee's queue, KES's meetings to plan, a
participant's upcoming meetings, one meeting with its material.

Who sees a meeting: whoever may see its case (``cases_visible_to``), and its participants,
even one from no involved department; the case itself stays hidden from such a participant
everywhere else. Every list loads in a constant number of queries.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from routing.constants import KES_DEPARTMENT_CODE
from routing.models import Department, DepartmentMembership

from ..constants import OPEN_TASK_STATUSES, MeetingStatus, TaskKind, Track
from ..models import (
    Case,
    CaseDocument,
    CaseService,
    ChecklistItem,
    DepartmentTask,
    MeetingOutcome,
    MeetingParticipant,
    StarMeeting,
)
from .core import cases_visible_to

# A meeting stays "upcoming" until a few hours after it started (it may still be on).
UPCOMING_GRACE = timedelta(hours=6)


def triage_proposals() -> QuerySet[Case]:
    """Star-meeting proposals waiting for the triage committee, oldest first, with the
    request, the classification reasons and the involved departments."""
    waiting = DepartmentTask.objects.filter(
        case_id=OuterRef("pk"), kind=TaskKind.TRIAGE, status__in=OPEN_TASK_STATUSES
    )
    return (
        Case.objects.filter(Exists(waiting), track=Track.STAR_MEETING)
        .select_related("business")
        .prefetch_related(
            "reasons",
            "departments",
            Prefetch("services", queryset=CaseService.objects.select_related("service")),
        )
        .order_by("received_at", "pk")
    )


def _material() -> Prefetch:
    return Prefetch(
        "checklist",
        queryset=ChecklistItem.objects.prefetch_related(
            Prefetch("documents", queryset=CaseDocument.objects.order_by("uploaded_at", "pk"))
        ),
    )


def meetings_visible_to(queryset: QuerySet, user) -> QuerySet:
    """Meetings of the cases ``user`` may see, and those ``user`` takes part in."""
    if not user.is_authenticated:
        return queryset.none()
    visible = cases_visible_to(Case.objects.all(), user)
    return queryset.filter(
        Q(case__in=visible)
        | Q(Exists(MeetingParticipant.objects.filter(meeting=OuterRef("pk"), user=user)))
    )


def meeting_for_page(meeting_id: int) -> StarMeeting:
    """One meeting with everything its page shows."""
    return (
        StarMeeting.objects.select_related("case__business", "organiser", "minutes")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=MeetingParticipant.objects.select_related("user", "department"),
            ),
            _material(),
            Prefetch(
                "outcomes",
                queryset=MeetingOutcome.objects.select_related("department", "follow_up"),
            ),
            Prefetch(
                "case__tasks",
                queryset=DepartmentTask.objects.filter(kind=TaskKind.DECISION)
                .select_related("department", "case_service__service", "decision")
                .order_by("department__code", "pk"),
                to_attr="decision_tasks",
            ),
            "case__triage_decisions",
        )
        .get(pk=meeting_id)
    )


def kes_meetings() -> QuerySet[StarMeeting]:
    """The meetings KES plans or has planned, the ones to plan first."""
    return (
        StarMeeting.objects.filter(status__in=[MeetingStatus.PLANNING, MeetingStatus.PLANNED])
        .select_related("case__business")
        .order_by("-status", "starts_at", "pk")
    )


def upcoming_meetings_of(user, *, now=None) -> QuerySet[StarMeeting]:
    """The planned meetings ``user`` takes part in, soonest first, with the material."""
    now = now or timezone.now()
    return (
        StarMeeting.objects.filter(
            participants__user=user,
            status=MeetingStatus.PLANNED,
            starts_at__gte=now - UPCOMING_GRACE,
        )
        .select_related("case__business")
        .prefetch_related(_material())
        .order_by("starts_at", "pk")
    )


def participant_candidates(meeting: StarMeeting, department_ids) -> QuerySet:
    """Members of the given departments who do not take part yet, for the planner."""
    taking_part = MeetingParticipant.objects.filter(meeting=meeting).values("user_id")
    return (
        DepartmentMembership.objects.filter(department_id__in=department_ids)
        .exclude(user_id__in=taking_part)
        .select_related("user", "department")
        .order_by("department__code", "user__username")
    )


def involved_departments(meeting: StarMeeting) -> QuerySet[Department]:
    """The departments deciding a service of the meeting's case, and KES."""
    deciding = DepartmentTask.objects.filter(
        case_id=meeting.case_id, kind=TaskKind.DECISION
    ).values("department_id")
    return Department.objects.filter(Q(pk__in=deciding) | Q(code=KES_DEPARTMENT_CODE)).order_by(
        "code"
    )


def business_star_meeting(case) -> StarMeeting | None:
    """The case's meeting as its business sees it, with the checklist and what is in."""
    return (
        StarMeeting.objects.filter(case=case)
        .select_related("minutes")
        .prefetch_related(_material())
        .first()
    )
