"""Star-meeting pages for staff: KES's meetings, one meeting (plan, participants,
checklist, cancel, minutes, outcomes) and "my meetings"; the triage committee's pages are
in ``views.triage`` (their URLs are here with the meetings').

A meeting's page is for staff who may see its case and for its
participants (404 for everyone else); each form shows to those its service lets act.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kes.access import STAFF_ROLES, get_for_user_or_404, has_role, is_staff_user, role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest
from routing.constants import MembershipRole
from routing.models import DepartmentMembership

from .. import services
from ..constants import MeetingStatus
from ..forms.fields import form_saved
from ..forms.meetings import (
    CancelForm,
    ChecklistItemForm,
    MeetingPlanForm,
    MinutesForm,
    OutcomeForm,
    ParticipantForm,
    format_attendees,
)
from ..models import Case, StarMeeting
from ..selectors import cases_visible_to
from ..selectors.meetings import (
    involved_departments,
    kes_meetings,
    meeting_for_page,
    meetings_visible_to,
    participant_candidates,
    upcoming_meetings_of,
)
from ..services.meeting_minutes import DECISION_FIELDS
from .triage import triage_detail, triage_list


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


def _meeting(request, reference: str) -> StarMeeting:
    if not is_staff_user(request.user):
        raise Http404
    meeting = get_for_user_or_404(
        StarMeeting.objects.all(),
        request.user,
        visible=meetings_visible_to,
        case__reference=reference,
    )
    return meeting_for_page(meeting.pk)


def _abilities(user, meeting) -> dict:
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


def _render_meeting(request, meeting, **forms) -> HttpResponse:
    can = _abilities(request.user, meeting)
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
    return _render_meeting(request, _meeting(request, reference))


def _act(request, reference, *, name, make_form, write, done):
    """Validate the posted form of ``name`` and call its service; back to the page."""
    meeting = _meeting(request, reference)
    form = make_form(meeting)
    if form_saved(form, lambda data: write(meeting, form, data)):
        messages.success(request, done)
        return redirect(reverse("meeting_detail", args=[reference]))
    return _render_meeting(request, meeting, **{name: form})


@require_POST
@login_required
def meeting_plan(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    if not has_role(request.user, Role.KES_STAFF):
        raise PermissionDenied
    return _act(
        request,
        reference,
        name="plan_form",
        make_form=lambda m: MeetingPlanForm(
            request.POST, today=timezone.localdate(), prefix="plan"
        ),
        write=lambda m, form, data: services.star_meeting_plan(
            meeting=m, by=request.user, **form.service_arguments()
        ),
        done=_("The meeting is planned and the invitations are on their way."),
    )


@require_POST
@login_required
def meeting_participant(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    meeting = _meeting(request, reference)
    can = _abilities(request.user, meeting)
    if not can["nominate_for"]:
        raise PermissionDenied
    candidates = list(participant_candidates(meeting, can["nominate_for"]))

    def write(m, form, data):
        membership = form.memberships[data["member"]]
        return services.meeting_participant_add(
            meeting=m, by=request.user, user=membership.user, department=membership.department
        )

    return _act(
        request,
        reference,
        name="participant_form",
        make_form=lambda m: ParticipantForm(
            request.POST, candidates=candidates, prefix="participant"
        ),
        write=write,
        done=_("The participant is added."),
    )


@require_POST
@login_required
def meeting_checklist(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    if not has_role(request.user, Role.KES_STAFF):
        raise PermissionDenied
    return _act(
        request,
        reference,
        name="checklist_form",
        make_form=lambda m: ChecklistItemForm(request.POST, prefix="item"),
        write=lambda m, form, data: services.checklist_item_add(meeting=m, by=request.user, **data),
        done=_("The item is on the business's checklist."),
    )


@require_POST
@login_required
def meeting_cancel(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    if not has_role(request.user, Role.KES_STAFF):
        raise PermissionDenied
    return _act(
        request,
        reference,
        name="cancel_form",
        make_form=lambda m: CancelForm(request.POST, prefix="cancel"),
        write=lambda m, form, data: services.star_meeting_cancel(
            meeting=m, by=request.user, reason=data["reason"]
        ),
        done=_("The meeting is cancelled; everyone invited is told."),
    )


@require_POST
@login_required
def meeting_minutes(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    if not has_role(request.user, Role.KES_STAFF):
        raise PermissionDenied
    return _act(
        request,
        reference,
        name="minutes_form",
        make_form=lambda m: MinutesForm(
            request.POST, participants=m.participants.all(), prefix="minutes"
        ),
        write=lambda m, form, data: services.meeting_minutes_record(
            meeting=m,
            by=request.user,
            attendees=data["attendees"],
            discussion=data["discussion"],
            attended_user_ids=data["attended"],
        ),
        done=_("The minutes are recorded."),
    )


@require_POST
@login_required
def meeting_outcome(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    meeting = _meeting(request, reference)
    departments = _abilities(request.user, meeting)["outcome_departments"]
    if not departments:
        raise PermissionDenied
    by_pk = {str(d.pk): d for d in departments}

    def write(m, form, data):
        decided = data["result"] == "decided"
        return services.meeting_outcome_record(
            meeting=m,
            department=by_pk[data["department"]],
            by=request.user,
            decided_at_meeting=decided,
            decision={name: data[name] for name in DECISION_FIELDS} if decided else None,
            follow_up_text=data["follow_up_text"],
            follow_up_due_on=data["follow_up_due_on"],
        )

    return _act(
        request,
        reference,
        name="outcome_form",
        make_form=lambda m: OutcomeForm(request.POST, departments=departments, prefix="outcome"),
        write=write,
        done=_("The department's outcome is recorded."),
    )


urlpatterns = [
    path("staff/triage/", triage_list, name="triage_list"),
    path("staff/triage/<str:reference>/", triage_detail, name="triage_detail"),
    path("staff/meetings/", meeting_list, name="meeting_list"),
    path("staff/meetings/mine/", my_meetings, name="my_meetings"),
    path("staff/meetings/<str:reference>/", meeting_detail, name="meeting_detail"),
    path("staff/meetings/<str:reference>/plan/", meeting_plan, name="meeting_plan"),
    path(
        "staff/meetings/<str:reference>/participants/",
        meeting_participant,
        name="meeting_participant",
    ),
    path("staff/meetings/<str:reference>/checklist/", meeting_checklist, name="meeting_checklist"),
    path("staff/meetings/<str:reference>/cancel/", meeting_cancel, name="meeting_cancel"),
    path("staff/meetings/<str:reference>/minutes/", meeting_minutes, name="meeting_minutes"),
    path("staff/meetings/<str:reference>/outcome/", meeting_outcome, name="meeting_outcome"),
]
