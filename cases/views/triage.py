"""The triage committee's pages: the proposals waiting for it, and deciding one.

Only the triage committee decides (403 for others); a case that is not a proposal waiting
is 404, known or not.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kes.access import role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest

from .. import services
from ..forms.fields import form_saved
from ..forms.meetings import TriageForm
from ..selectors.meetings import triage_proposals


@role_required(Role.TRIAGE)
@never_cache
@require_GET
def triage_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "cases/staff/meeting/triage_list.html", {"cases": triage_proposals()})


@role_required(Role.TRIAGE)
@never_cache
@require_http_methods(["GET", "POST"])
def triage_detail(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    case = triage_proposals().filter(reference=reference).first()
    if case is None:
        raise Http404
    form = TriageForm(request.POST or None)
    if request.method == "POST":

        def decide(data):
            decide_by = (
                services.triage_approve
                if data["decision"] == "approve"
                else services.triage_decline
            )
            return decide_by(case=case, by=request.user, reason=data["reason"])

        if form_saved(form, decide):
            if form.cleaned_data["decision"] == "approve":
                messages.success(request, _("The star meeting is approved: KES plans it."))
            else:
                messages.success(request, _("The proposal is declined: the case goes to a pilot."))
            return redirect("triage_list")
    return render(request, "cases/staff/meeting/triage_detail.html", {"case": case, "form": form})
