"""Virksomhedslods pages beyond one case: the pilot's portfolio and follow-ups, one
follow-up with its "done" form, and KES staff's move of a pilot's portfolio.

Access: a follow-up of a case the user may not see is a 404 (a business user never finds
these staff pages); a page or action the role does not allow is a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kes.access import has_role, is_staff_user, role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest

from .. import services
from ..forms.fields import form_saved
from ..forms.pilots import (
    FollowUpDoneForm,
    PortfolioReassignForm,
)
from ..selectors import portfolio as reads
from ..selectors.pilots import pilot_candidates, pilots_holding_open_cases


@role_required(Role.PILOT)
@never_cache
@require_GET
def pilot_portfolio(request: AuthenticatedHttpRequest) -> HttpResponse:
    order = request.GET.get("order")
    if order not in reads.PORTFOLIO_ORDERS:
        order = reads.PORTFOLIO_ORDERS[0]
    groups = reads.pilot_portfolio(request.user, order=order)
    return render(
        request,
        "cases/staff/pilot/portfolio.html",
        {
            "groups": groups,
            "order": order,
            "orders": [
                ("urgent", _("Most urgent first")),
                ("received", _("Oldest first")),
                ("business", _("By business")),
            ],
            "case_count": sum(len(group.cases) for group in groups),
        },
    )


@role_required(Role.PILOT, Role.KES_STAFF)
@never_cache
@require_GET
def pilot_follow_ups(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = list(reads.my_follow_ups(request.user))
    for row in rows:
        row.overdue = row.due_on < today
    return render(request, "cases/staff/pilot/follow_ups.html", {"follow_ups": rows})


def _follow_up(request: HttpRequest, follow_up_id: int):
    if not is_staff_user(request.user):
        raise Http404
    return reads.follow_up_for_page(request.user, follow_up_id)


def _render_follow_up(request, follow_up, form=None) -> HttpResponse:
    may_finish = follow_up.done_at is None and (
        request.user.pk in {follow_up.assignee_id, follow_up.case.pilot_id}
        or has_role(request.user, Role.KES_STAFF)
    )
    return render(
        request,
        "cases/staff/pilot/follow_up.html",
        {
            "follow_up": follow_up,
            "case": follow_up.case,
            "overdue": follow_up.done_at is None and follow_up.due_on < timezone.localdate(),
            "form": (form or FollowUpDoneForm()) if may_finish else None,
        },
    )


@login_required
@never_cache
@require_GET
def follow_up_detail(request: AuthenticatedHttpRequest, follow_up_id: int) -> HttpResponse:
    return _render_follow_up(request, _follow_up(request, follow_up_id))


@require_POST
@login_required
def follow_up_done(request: AuthenticatedHttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = _follow_up(request, follow_up_id)
    form = FollowUpDoneForm(request.POST)
    if form_saved(
        form,
        lambda data: services.follow_up_done(
            follow_up=follow_up, by=request.user, note=data["note"]
        ),
    ):
        messages.success(request, _("The follow-up is done."))
        return redirect("follow_up_detail", follow_up_id=follow_up.pk)
    return _render_follow_up(request, follow_up, form)


@role_required(Role.KES_STAFF)
@never_cache
def pilot_reassign(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PortfolioReassignForm(
        request.POST if request.method == "POST" else None,
        leaving=pilots_holding_open_cases(),
        candidates=pilot_candidates(),
    )
    moved = []
    if request.method == "POST" and form_saved(
        form,
        lambda _data: moved.extend(
            services.pilot_portfolio_reassign(by=request.user, **form.users())
        ),
    ):
        count = len(moved)
        messages.success(
            request,
            ngettext(
                "%(count)d case has moved; its business is told its new contact person.",
                "%(count)d cases have moved; their businesses are told their new contact person.",
                count,
            )
            % {"count": count},
        )
        return redirect("pilot_reassign")
    return render(request, "cases/staff/pilot/reassign.html", {"form": form})


urlpatterns = [
    path("staff/pilot/", pilot_portfolio, name="pilot_cases"),
    path("staff/pilot/follow-ups/", pilot_follow_ups, name="pilot_follow_ups"),
    path("staff/pilots/reassign/", pilot_reassign, name="pilot_reassign"),
    path("staff/follow-ups/<int:follow_up_id>/", follow_up_detail, name="follow_up_detail"),
    path("staff/follow-ups/<int:follow_up_id>/done/", follow_up_done, name="follow_up_done"),
]
