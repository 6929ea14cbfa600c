"""Track and pilot figures at /staff/dashboard/tracks/ (issue 15, sections 2 and 3), and the
download of the latest monthly report.

Access is the dashboard's: managers see everything; department leads read the page held
to their own departments (the figures that are city-wide say so); anyone else gets 403,
anonymous users the login. The monthly report is city-wide, so only managers download it.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kes.access import has_role, require_role
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest

from ..stats import report
from ..stats.filters import parse_filters
from ..stats.selectors import filter_choices, may_see_dashboard, scope_of
from ..stats.track_page import track_figures


def _reader(request) -> None:
    if not may_see_dashboard(request.user):
        raise PermissionDenied


@require_GET
@never_cache
def tracks_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _reader(request)
    scope = scope_of(request.user)
    departments, services = filter_choices(scope)
    form, filters = parse_filters(
        request.GET or None,
        today=timezone.localdate(),
        departments=departments,
        services=services,
        scope=scope,
    )
    # The period here is when a case came in, a meeting was held, an answer was given.
    form.fields["date_from"].label = _("From")
    form.fields["date_to"].label = _("To")
    form.fields["date_from"].help_text = _(
        "Cases count on the day received, meetings on the day held, answers on the day given."
    )
    is_manager = has_role(request.user, Role.MANAGER)
    context = {
        "form": form,
        "filters": filters,
        "scope": scope,
        "scope_names": [name for code, name in departments if scope and code in scope],
        "figures": track_figures(
            filters,
            page=request.GET.get("page"),
            pilots_page=request.GET.get("pilots_page") or 1,
        ),
        "latest_report": report.latest_report(translation.get_language()) if is_manager else None,
        "is_manager": is_manager,
    }
    return render(request, "cases/staff/figures/tracks.html", context)


@require_GET
@never_cache
def monthly_report_download(request: AuthenticatedHttpRequest) -> FileResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require_role(request.user, Role.MANAGER)
    row = report.latest_report(translation.get_language())
    if row is None:
        raise Http404
    return FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=report.filename(row.month),
        content_type="application/pdf",
    )


urlpatterns = [
    path("staff/dashboard/tracks/", tracks_page, name="dashboard_tracks"),
    path(
        "staff/dashboard/tracks/report.pdf",
        monthly_report_download,
        name="dashboard_monthly_report",
    ),
]
