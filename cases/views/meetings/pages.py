"""A star meeting's pages for staff: KES's meetings, "my meetings" and one meeting with
the forms its reader may use (their posts are in ``actions``).

A meeting's page is for staff who may see its case and for its participants (404 for
everyone else).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kes.access import STAFF_ROLES, get_for_user_or_404, has_role, is_staff_user, role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest
from routing.constants import MembershipRole
from routing.models import DepartmentMembership

from ...constants import MeetingStatus
from ...forms.meetings import (
    CancelForm,
    ChecklistItemForm,
    MeetingPlanForm,
    MinutesForm,
    OutcomeForm,
    ParticipantForm,
    format_attendees,
)
from ...models import Case, StarMeeting
from ...selectors import cases_visible_to
from ...selectors.meetings import (
    involved_departments,
    kes_meetings,
    meeting_for_page,
    meetings_visible_to,
    participant_candidates,
    upcoming_meetings_of,
)


@role_required(Role.KES_STAFF)
@never_cache
@require_GET
def meeting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "cases/staff/meeting/list.html", {"meetings": kes_meetings()})


@role_required(*STAFF_ROLES)
@never_cache
@require_GET
def my_meetings(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "cases/staff/meeting/mine.html",
        {"meetings": upcoming_meetings_of(request.user)},
    )


def meeting_of_request(request, reference: str) -> StarMeeting:
    """The meeting of the case ``reference`` for its page; 404 unless the user is staff who
    may see it."""
    if not is_staff_user(request.user):
        raise Http404
    meeting = get_for_user_or_404(
        StarMeeting.objects.all(),
        request.user,
        visible=meetings_visible_to,
        case__reference=reference,
    )
    return meeting_for_page(meeting.pk)


def meeting_abilities(user, meeting) -> dict:
    """What ``user`` may do on the meeting's page (the forms shown; the services decide)."""
    departments = list(involved_departments(meeting))
    memberships = dict(
        DepartmentMembership.objects.filter(user=user).values_list("department_id", "role")
    )
    kes = has_role(user, Role.KES_STAFF)
    open_ = meeting.status in (MeetingStatus.PLANNING, MeetingStatus.PLANNED)
    lead_of = [d.pk for d in departments if memberships.get(d.pk) == MembershipRole.LEAD]
    decided = {o.department_id for o in meeting.outcomes.all()}
    deciding = {t.department_id for t in meeting.case.decision_tasks}
    return {
        "case_link": cases_visible_to(Case.objects.filter(pk=meeting.case_id), user).exists(),
        "kes": kes,
        "open": open_,
        "nominate_for": [d.pk for d in departments] if kes else lead_of,
        "outcome_departments": [
            d
            for d in departments
            if d.pk in memberships and d.pk in deciding and d.pk not in decided
        ],
        "minutes_due": kes
        and meeting.status == MeetingStatus.PLANNED
        and meeting.starts_at <= timezone.now(),
    }


def meeting_render(request, meeting, **forms) -> HttpResponse:
    """The meeting's page with the forms its reader may use; ``forms`` are the bound ones."""
    can = meeting_abilities(request.user, meeting)
    if can["open"] and can["kes"]:
        initial = {}
        if meeting.starts_at:
            local = timezone.localtime(meeting.starts_at)
            initial = {
                "day": local.date(),
                "starts": local.time(),
                "ends": timezone.localtime(meeting.ends_at).time(),
                "place": meeting.place,
                "video_url": meeting.video_url,
                "business_attendees": format_attendees(meeting.business_attendees),
            }
        forms.setdefault(
            "plan_form", MeetingPlanForm(initial=initial, today=timezone.localdate(), prefix="plan")
        )
        forms.setdefault("checklist_form", ChecklistItemForm(prefix="item"))
        if meeting.status == MeetingStatus.PLANNED:
            forms.setdefault("cancel_form", CancelForm(prefix="cancel"))
    if can["open"] and can["nominate_for"]:
        forms.setdefault(
            "participant_form",
            ParticipantForm(
                candidates=participant_candidates(meeting, can["nominate_for"]),
                prefix="participant",
            ),
        )
    if can["minutes_due"]:
        forms.setdefault(
            "minutes_form", MinutesForm(participants=meeting.participants.all(), prefix="minutes")
        )
    if meeting.status == MeetingStatus.HELD and can["outcome_departments"]:
        forms.setdefault(
            "outcome_form", OutcomeForm(departments=can["outcome_departments"], prefix="outcome")
        )
    return render(
        request,
        "cases/staff/meeting/detail.html",
        {"meeting": meeting, "case": meeting.case, "can": can, **forms},
    )


@login_required
@never_cache
@require_GET
def meeting_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    return meeting_render(request, meeting_of_request(request, reference))
