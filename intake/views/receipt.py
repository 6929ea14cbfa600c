"""The receipt page after submitting: what the receipt letter says (reference, received time,
each service with its department, service target and expected decision date, the other
authorities to contact), with the way to the case and the receipt PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from cases.receipts import receipt_context
from cases.selectors import businesses_of, cases_visible_to, receipt_page_cases
from intake.wizard import track_explanation
from kes.access import get_for_user_or_404, has_role
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest


@login_required
@never_cache
def application_submitted(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = get_for_user_or_404(
        receipt_page_cases(), request.user, visible=cases_visible_to, reference=reference
    )
    # The business follows its case on its own pages; staff who applied for it on theirs.
    own = businesses_of(request.user).filter(pk=case.business_id).exists()
    case_url = reverse(
        "my_case_detail" if own else "staff_case_detail", kwargs={"reference": case.reference}
    )
    context = receipt_context(case)
    context.update(
        explanation=track_explanation(case.track, [d.name for d in case.departments.all()]),
        case_url=case_url,
        # The front desk goes on to the next business at the counter or on the phone.
        register_another=not own and has_role(request.user, Role.KES_STAFF),
        receipt_letter=case.receipt_letters[0] if case.receipt_letters else None,
    )
    return render(request, "intake/wizard/submitted.html", context)
