"""The staff case pages: every case a staff member may see, and one case with its whole story.

The case page is for staff only: a business (even the case's own) gets a 404 here and
follows its case under "Mine sager". Managers and the triage committee read; writing a
message or an internal note is for those ``may_write_on_case`` allows (403 otherwise).
Every view of the page is recorded in the audit trail. The page shows the latest events;
the full audit trail, staff views included, has its own paginated page with the same access
(reading it is recorded too), and so have all the messages and all the internal notes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kes.access import STAFF_ROLES, get_for_user_or_404, has_role, is_staff_user, role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest
from routing.calendar import local_date

from ..constants import CaseStatus, Track
from ..forms.fields import form_saved
from ..forms.staff_case import (
    StaffCaseFilterForm,
    StaffMessageForm,
    StaffNoteForm,
    TrackOverrideForm,
)
from ..models import Case
from ..pagination import RowsPaginator
from ..permissions import may_write_on_case
from ..selectors import cases_visible_to
from ..selectors import staff_case_list as case_lists
from ..selectors.staff_case import (
    case_audit_page,
    case_for_staff_page,
    case_messages_page,
    case_notes_page,
)
from ..services import case_track_override, case_viewed, message_send, note_add

PAGE_SIZE = 25
# The list counts exactly up to this many cases and says "about" the planner's estimate
# above it: an exact count of every case a caseworker sees reads them all (issue 12).
EXACT_COUNT_UP_TO = 2000
MESSAGE_PREFIX = "message"
NOTE_PREFIX = "note"
TRACK_PREFIX = "track"


@role_required(*STAFF_ROLES)
@never_cache
@require_GET
def staff_case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StaffCaseFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {"q": "", "status": "", "track": ""}
    # Counted and paged on the cases alone; businesses and counts load for the shown rows.
    cases = case_lists.staff_cases(request.user, **filters)
    paginator = RowsPaginator(
        cases, PAGE_SIZE, rows=case_lists.staff_case_rows, estimate_above=EXACT_COUNT_UP_TO
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "cases/staff/case/list.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "filtered": any(filters.values()),
            "today": local_date(timezone.now()),
        },
    )


def _staff_case(request: HttpRequest, reference: str) -> Case:
    """The case if the user is staff and may see it; a business never finds it here."""
    if not is_staff_user(request.user):
        raise Http404
    return get_for_user_or_404(
        Case.objects.all(), request.user, visible=cases_visible_to, reference=reference
    )


def _may_override(user, case) -> bool:
    return (
        has_role(user, Role.KES_STAFF)
        and case.status != CaseStatus.CLOSED
        and case.track != Track.IMMEDIATE
    )


def _render_case(request: HttpRequest, case, *, message_form=None, note_form=None, track_form=None):
    may_write = may_write_on_case(request.user, case)
    return render(
        request,
        "cases/staff/case/detail.html",
        {
            "page": case_for_staff_page(case, viewer=request.user),
            "may_write": may_write,
            "message_form": message_form or StaffMessageForm(prefix=MESSAGE_PREFIX),
            "note_form": note_form or StaffNoteForm(prefix=NOTE_PREFIX),
            "track_form": (track_form or TrackOverrideForm(prefix=TRACK_PREFIX))
            if _may_override(request.user, case)
            else None,
        },
    )


def _case_url(case, anchor) -> str:
    return f"{reverse('staff_case_detail', kwargs={'reference': case.reference})}#{anchor}"


@login_required
@never_cache
@require_GET
def staff_case_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _staff_case(request, reference)
    case_viewed(case=case, by=request.user)
    return _render_case(request, case)


@login_required
@never_cache
@require_GET
def staff_case_audit(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """The case's whole audit trail, newest first: who may see the case reads it."""
    return _case_list_page(request, reference, "cases/staff/case/audit.html", case_audit_page)


def _case_list_page(request: HttpRequest, reference: str, template: str, rows) -> HttpResponse:
    """One page of a case's long history (``rows(case, number=…)``), for those who see
    the case; reading it is recorded like the case page."""
    case = _staff_case(request, reference)
    case_viewed(case=case, by=request.user)
    page = rows(case, number=request.GET.get("page"))
    return render(
        request,
        template,
        {
            "case": case,
            "page": page,
            "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2)),
        },
    )


@login_required
@never_cache
@require_GET
def staff_case_messages(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """Every message on the case, oldest first: the case page shows the latest."""
    return _case_list_page(request, reference, "cases/staff/case/messages.html", case_messages_page)


@login_required
@never_cache
@require_GET
def staff_case_notes(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """Every internal note on the case, oldest first: the case page shows the latest."""
    return _case_list_page(request, reference, "cases/staff/case/notes.html", case_notes_page)


@require_POST
@login_required
def staff_case_message(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _staff_case(request, reference)
    # The role decides before the input: a reader gets 403 whatever they typed.
    if not may_write_on_case(request.user, case):
        raise PermissionDenied
    form = StaffMessageForm(request.POST, request.FILES, prefix=MESSAGE_PREFIX)
    if form_saved(
        form,
        lambda data: message_send(
            case=case, by=request.user, text=data["text"], files=data["files"]
        ),
    ):
        messages.success(request, _("The message has been sent to the business."))
        return redirect(_case_url(case, "messages"))
    return _render_case(request, case, message_form=form)


@require_POST
@login_required
def staff_case_note(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _staff_case(request, reference)
    if not may_write_on_case(request.user, case):
        raise PermissionDenied
    form = StaffNoteForm(request.POST, prefix=NOTE_PREFIX)
    if form_saved(form, lambda data: note_add(case=case, by=request.user, text=data["text"])):
        messages.success(request, _("The internal note has been saved."))
        return redirect(_case_url(case, "notes"))
    return _render_case(request, case, note_form=form)


@require_POST
@login_required
def staff_case_track(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _staff_case(request, reference)
    if not has_role(request.user, Role.KES_STAFF):
        raise PermissionDenied
    form = TrackOverrideForm(request.POST, prefix=TRACK_PREFIX)
    if form_saved(
        form,
        lambda data: case_track_override(
            case=case, by=request.user, track=data["track"], reason=data["reason"]
        ),
    ):
        messages.success(request, _("The track has been changed."))
        return redirect(_case_url(case, "facts"))
    return _render_case(request, case, track_form=form)


urlpatterns = [
    path("staff/cases/", staff_case_list, name="staff_case_list"),
    path("staff/cases/<str:reference>/", staff_case_detail, name="staff_case_detail"),
    path("staff/cases/<str:reference>/audit/", staff_case_audit, name="staff_case_audit"),
    path(
        "staff/cases/<str:reference>/messages/all/",
        staff_case_messages,
        name="staff_case_messages",
    ),
    path("staff/cases/<str:reference>/notes/all/", staff_case_notes, name="staff_case_notes"),
    path("staff/cases/<str:reference>/messages/", staff_case_message, name="staff_case_message"),
    path("staff/cases/<str:reference>/notes/", staff_case_note, name="staff_case_note"),
    path("staff/cases/<str:reference>/track/", staff_case_track, name="staff_case_track"),
]
