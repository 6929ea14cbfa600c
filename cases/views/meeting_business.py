"""The star meeting for the business (its case page's section, uploading material for the
checklist) and the meeting's ``.ics`` for whoever may see the meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kes.access import get_for_user_or_404
from kes.types import AuthenticatedHttpRequest

from ..calendar_invite import Method
from ..constants import MeetingStatus
from ..forms.fields import add_service_errors
from ..forms.meetings import MaterialUploadForm
from ..models import Case, ChecklistItem, StarMeeting
from ..selectors.business import own_cases_visible_to
from ..selectors.meetings import meetings_visible_to
from ..services import checklist_material_upload
from ..services.invitations import meeting_ics


@login_required
@require_POST
def my_meeting_material(
    request: AuthenticatedHttpRequest, reference: str, item_id: int
) -> HttpResponse:
    """The business uploads material for one checklist item of its case's meeting."""
    meeting = get_for_user_or_404(
        StarMeeting.objects.all(),
        request.user,
        visible=lambda queryset, user: queryset.filter(
            case__in=own_cases_visible_to(Case.objects.all(), user)
        ),
        case__reference=reference,
    )
    item = get_object_or_404(ChecklistItem, pk=item_id, meeting=meeting)
    form = MaterialUploadForm(request.POST, request.FILES)
    url = reverse("my_case_detail", args=[reference]) + "#star-meeting"
    if form.is_valid():
        try:
            checklist_material_upload(item=item, by=request.user, files=form.cleaned_data["files"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Thank you: the material for “%(item)s” is in.") % {"item": item.label}
            )
            return redirect(url)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(url)


@login_required
@never_cache
@require_GET
def star_meeting_ics(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    """The meeting's current calendar entry, to add to one's own calendar."""
    meeting = get_for_user_or_404(
        StarMeeting.objects.select_related("case__business", "organiser").prefetch_related(
            "participants__user"
        ),
        request.user,
        visible=meetings_visible_to,
        case__reference=reference,
    )
    if meeting.starts_at is None:
        raise Http404
    method = Method.CANCEL if meeting.status == MeetingStatus.CANCELLED else Method.PUBLISH
    response = HttpResponse(
        meeting_ics(meeting, method=method), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{reference}.ics"'
    return response


urlpatterns = [
    path(
        "my/cases/<str:reference>/meeting/items/<int:item_id>/",
        my_meeting_material,
        name="my_meeting_material",
    ),
    path("cases/<str:reference>/meeting.ics", star_meeting_ics, name="star_meeting_ics"),
]
