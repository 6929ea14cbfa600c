"""The business's own case pages ("Mine sager"): the list, one case, and what the business
does on it (write, answer a request, say how satisfied it is).

A case of another business, and any case for staff, does not exist here (404); staff
follow cases on their own pages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kes.access import get_for_user_or_404, role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest

from ..constants import CaseStatus
from ..forms.business import AnswerForm, MessageForm, SatisfactionForm
from ..forms.fields import form_saved
from ..forms.meetings import MaterialUploadForm
from ..models import Case, InformationRequest
from ..pagination import RowsPaginator
from ..selectors.business import (
    business_pilot_contacts,
    business_timeline,
    case_was_rejected,
    decision_tasks,
    information_request_of,
    my_case_page,
    my_case_rows,
    open_requests,
    own_cases,
    own_cases_visible_to,
)
from ..selectors.meetings import business_star_meeting
from ..selectors.pilots import pilot_contact
from ..services import information_answer, message_send, satisfaction_give

PAGE_SIZE = 20


@role_required(Role.BUSINESS)
@never_cache
def my_case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Counted and paged on the cases alone; services and dates load for the shown rows.
    paginator = RowsPaginator(own_cases(request.user), PAGE_SIZE, rows=my_case_rows)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "cases/business/list.html",
        {"page": page, "pilots": business_pilot_contacts(request.user)},
    )


def _own_case(request: HttpRequest, reference: str, source=None) -> Case:
    return get_for_user_or_404(
        source if source is not None else Case.objects.select_related("business"),
        request.user,
        visible=own_cases_visible_to,
        reference=reference,
    )


def _case_url(case: Case, anchor: str = "") -> str:
    url = reverse("my_case_detail", kwargs={"reference": case.reference})
    return f"{url}#{anchor}" if anchor else url


def _case_page(request: HttpRequest, reference: str, *, message_form=None, satisfaction_form=None):
    case = _own_case(request, reference, my_case_page())
    answered = hasattr(case, "satisfaction")
    closed = case.status == CaseStatus.CLOSED
    context = {
        "case": case,
        "tasks": decision_tasks(case),
        "timeline": business_timeline(case),
        "open_requests": open_requests(case),
        "star_meeting": business_star_meeting(case),
        "pilot": pilot_contact(case),
        "authorities": case.authorities.all(),
        "may_apply_again": case_was_rejected(case),
        "material_form": MaterialUploadForm(),
        "satisfaction_answered": answered,
        "message_form": message_form or MessageForm(),
        "satisfaction_form": satisfaction_form or SatisfactionForm(),
        # A form with errors is shown even when the question is not open (the errors say why).
        "ask_satisfaction": (closed and not answered) or satisfaction_form is not None,
    }
    return render(request, "cases/business/detail.html", context)


@login_required
@never_cache
def my_case_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    return _case_page(request, reference)


@login_required
@require_POST
def my_case_message(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _own_case(request, reference)
    form = MessageForm(request.POST, request.FILES)
    if form_saved(
        form,
        lambda data: message_send(
            case=case, by=request.user, text=data["text"], files=data["files"]
        ),
    ):
        messages.success(request, _("Your message has been sent."))
        return redirect(_case_url(case, "messages"))
    return _case_page(request, reference, message_form=form)


@login_required
@never_cache
def my_case_answer(
    request: AuthenticatedHttpRequest, reference: str, request_id: int
) -> HttpResponse:
    case = _own_case(request, reference)
    try:
        info = information_request_of(case, request_id)
    except InformationRequest.DoesNotExist as exc:
        raise Http404 from exc
    if info.answered_at is not None:
        messages.info(request, _("This request has already been answered."))
        return redirect(_case_url(case))
    posted = request.method == "POST"
    form = AnswerForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form_saved(
        form,
        lambda data: information_answer(
            request=info, by=request.user, text=data["text"], files=data["files"]
        ),
    ):
        messages.success(
            request, _("Thank you. Your answer has been sent, and the case continues.")
        )
        return redirect(_case_url(case))
    return render(request, "cases/business/answer.html", {"case": case, "info": info, "form": form})


@login_required
@require_POST
def my_case_satisfaction(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = _own_case(request, reference)
    form = SatisfactionForm(request.POST)
    if form_saved(
        form,
        lambda data: satisfaction_give(
            case=case, by=request.user, score=data["score"], comment=data["comment"]
        ),
    ):
        messages.success(request, _("Thank you for your answer."))
        return redirect(_case_url(case, "satisfaction"))
    return _case_page(request, reference, satisfaction_form=form)


urlpatterns = [
    path("my/cases/", my_case_list, name="my_cases"),
    path("my/cases/<str:reference>/", my_case_detail, name="my_case_detail"),
    path("my/cases/<str:reference>/messages/", my_case_message, name="my_case_message"),
    path(
        "my/cases/<str:reference>/requests/<int:request_id>/answer/",
        my_case_answer,
        name="my_case_answer",
    ),
    path(
        "my/cases/<str:reference>/satisfaction/",
        my_case_satisfaction,
        name="my_case_satisfaction",
    ),
]
