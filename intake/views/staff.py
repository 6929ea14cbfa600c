"""Staff-assisted intake (medbetjening): KES staff look the business up by CVR, see what it
already has going (open cases, unanswered requests), and apply on its behalf."""

import contextlib
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from advisory import selectors as advisory_selectors
from advisory import services as advisory_services
from cases import services
from cases.selectors import business_by_cvr
from cases.selectors.front_desk import business_open_cases, business_waiting_requests
from intake.forms import StaffBusinessForm
from intake.services import draft_start
from intake.views.guide import guide_description
from kes.access import role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest

# An advisor refers a counselling booking into the one entrance (?advisory_booking=<id>):
# the booking is remembered in the session beside the draft and, once the case exists, its
# reference is kept on the booking's note (advisory.services.booking_referral_link).
REFERRAL_KEY = "advisory_referral:{draft}"


def referral_remember(request, draft) -> None:
    raw = request.GET.get("advisory_booking", "")
    known = (
        raw.isascii()
        and raw.isdigit()
        and len(raw) <= 18
        and advisory_selectors.booking_for_link(int(raw)) is not None
    )
    if known:
        request.session[REFERRAL_KEY.format(draft=draft.pk)] = int(raw)


def referral_record(request, draft_id, case) -> None:
    """``draft_id``: taken before submitting, which deletes the draft."""
    booking_id = request.session.pop(REFERRAL_KEY.format(draft=draft_id), None)
    if booking_id is None:
        return
    # A booking that is gone leaves the case standing on its own.
    with contextlib.suppress(ValidationError):
        advisory_services.booking_referral_link(
            booking_id=booking_id, case_reference=case.reference, author=request.user
        )


def _found(request, form, business) -> dict:
    """The page after the CVR lookup of a known business: its open cases and the requests
    for information it has not answered, before staff start a new application."""
    cases, more_cases = business_open_cases(business, request.user)
    requests, more_requests = business_waiting_requests(business, request.user)
    return {
        "form": form,
        "found": business,
        "open_cases": cases,
        "more_cases": more_cases,
        "waiting_requests": requests,
        "more_requests": more_requests,
        "all_cases_url": f"{reverse('staff_case_list')}?{urlencode({'q': business.cvr})}",
    }


@role_required(Role.KES_STAFF)
@never_cache
def staff_intake(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Find the business by CVR (or register it), then fill the wizard on its behalf."""
    form = StaffBusinessForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        known = business_by_cvr(data["cvr"])
        if known is not None and "start" not in request.POST:
            return render(request, "intake/staff_intake.html", _found(request, form, known))
        try:
            business = services.business_for_application(
                by=request.user, cvr=data["cvr"], name=data["name"], email=data["email"]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return render(request, "intake/staff_intake.html", {"form": form})
        draft = draft_start(
            owner=request.user,
            business=business,
            services=request.GET.getlist("services"),
            description=guide_description(request),
            staff_assisted=True,
        )
        referral_remember(request, draft)
        return redirect(
            reverse("application_step", kwargs={"draft_id": draft.pk, "step": "channel"})
        )
    return render(request, "intake/staff_intake.html", {"form": form})
