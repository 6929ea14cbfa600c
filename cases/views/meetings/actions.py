"""The posts of a star meeting's page: plan, participants, checklist, cancel, minutes and
a department's outcome; each form's service decides who may act."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kes.access import has_role
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest

from ... import services
from ...forms.fields import form_saved
from ...forms.meetings import (
    CancelForm,
    ChecklistItemForm,
    MeetingPlanForm,
    MinutesForm,
    OutcomeForm,
    ParticipantForm,
)
from ...selectors.meetings import participant_candidates
from ...services.meeting_minutes import DECISION_FIELDS
from .pages import meeting_abilities, meeting_of_request, meeting_render


def _act(request, reference, *, name, make_form, write, done, kes_only=False):
    """Validate the posted form of ``name`` and call its service; back to the page. A
    ``kes_only`` form is refused (403) to anyone but KES staff before the meeting is looked
    up."""
    if kes_only and not has_role(request.user, Role.KES_STAFF):
        raise PermissionDenied
    meeting = meeting_of_request(request, reference)
    form = make_form(meeting)
    if form_saved(form, lambda data: write(meeting, form, data)):
        messages.success(request, done)
        return redirect(reverse("meeting_detail", args=[reference]))
    return meeting_render(request, meeting, **{name: form})


@require_POST
@login_required
def meeting_plan(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        kes_only=True,
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
    meeting = meeting_of_request(request, reference)
    can = meeting_abilities(request.user, meeting)
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
    return _act(
        request,
        reference,
        kes_only=True,
        name="checklist_form",
        make_form=lambda m: ChecklistItemForm(request.POST, prefix="item"),
        write=lambda m, form, data: services.checklist_item_add(meeting=m, by=request.user, **data),
        done=_("The item is on the business's checklist."),
    )


@require_POST
@login_required
def meeting_cancel(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        kes_only=True,
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
    return _act(
        request,
        reference,
        kes_only=True,
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
    meeting = meeting_of_request(request, reference)
    departments = meeting_abilities(request.user, meeting)["outcome_departments"]
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
