"""Apply again with corrections: from a rejected case of one's own business to the wizard,
on a new draft prefilled from the case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import Case
from cases.selectors.business import case_was_rejected, own_cases_visible_to
from intake.services import draft_from_case
from kes.access import get_for_user_or_404
from kes.types import AuthenticatedHttpRequest


@login_required
@require_POST
def application_again(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = get_for_user_or_404(
        Case.objects.select_related("business"),
        request.user,
        visible=own_cases_visible_to,
        reference=reference,
    )
    # Nothing to correct without a rejection: the offer does not exist for this case.
    if not case_was_rejected(case):
        raise Http404
    try:
        draft = draft_from_case(case=case, owner=request.user)
    except ValidationError as exc:
        raise Http404 from exc
    messages.info(
        request,
        _(
            "We have copied your application from case %(reference)s. Correct what the "
            "decision points out, add the documents again and send it."
        )
        % {"reference": case.reference},
    )
    # The business's wizard always opens on the services, the first step.
    return redirect(reverse("application_step", kwargs={"draft_id": draft.pk, "step": "services"}))
