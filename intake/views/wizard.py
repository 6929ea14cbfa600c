"""The application wizard for businesses and, with a business chosen by CVR, for KES staff.
Its steps are handled in ``intake.views.wizard_handlers``."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from advisory.constants import ADVICE_SERVICE_CODE
from cases.selectors import businesses_of
from intake import selectors
from intake.forms import ServicesForm
from intake.models import ApplicationDraft
from intake.services import draft_start
from intake.views.guide import guide_description
from intake.views.wizard_handlers import HANDLERS, next_url, step_url, steps_of
from intake.views.wizard_pages import service_options
from intake.wizard import neighbours
from kes.access import get_for_user_or_404, has_role
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest


@login_required
@never_cache
def application_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Choose the services (prefilled from the guide or a service page) and start a draft."""
    if request.GET.getlist("services") == [ADVICE_SERVICE_CODE]:
        return redirect("advice_calendar")  # free advice is booked, not applied for
    if has_role(request.user, Role.KES_STAFF) and not businesses_of(request.user).exists():
        return redirect(reverse("staff_intake") + "?" + request.GET.urlencode())
    businesses = businesses_of(request.user)
    if not businesses.exists():
        messages.info(request, _("Register your business before you apply."))
        return redirect("register")
    services = selectors.active_services().order_by("name")
    initial = {"services": request.GET.getlist("services")}
    form = ServicesForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        services=services,
        businesses=businesses,
    )
    if request.method == "POST" and form.is_valid():
        business = form.cleaned_data.get("business") or businesses.first()
        draft = draft_start(
            owner=request.user,
            business=business,
            services=form.cleaned_data["services"],
            description=guide_description(request),
        )
        return redirect(next_url(draft, "services"))
    return render(
        request, "intake/wizard/start.html", {"form": form, **service_options(form, services)}
    )


def _load(request: HttpRequest, draft_id: UUID) -> ApplicationDraft:
    return get_for_user_or_404(
        ApplicationDraft.objects.select_related("business"),
        request.user,
        visible=selectors.drafts_visible_to,
        pk=draft_id,
    )


@login_required
@never_cache
def application_step(request: AuthenticatedHttpRequest, draft_id: UUID, step: str) -> HttpResponse:
    sent = selectors.submitted_draft_for(request.user, draft_id)
    if sent is not None:
        # Back after sending: the draft is a case now; say so instead of a 404.
        case = sent.case
        # Staff who applied on a business's behalf follow the case on the staff pages.
        name = "staff_case_detail" if case.assisted_by_id == request.user.pk else "my_case_detail"
        case_url = reverse(name, kwargs={"reference": case.reference})
        return render(request, "intake/wizard/sent.html", {"case": case, "case_url": case_url})
    draft = _load(request, draft_id)
    services = selectors.wizard_services(draft.services)
    steps = steps_of(draft, services)
    if step not in {s.key for s in steps}:
        raise Http404
    handler = HANDLERS[step.split("-", 1)[0]]
    context = handler(request, draft, services, step)
    if not isinstance(context, dict):
        return context  # a redirect
    previous, following = neighbours(steps, step)
    context.update(
        draft=draft,
        steps=steps,
        step=step,
        step_number=[s.key for s in steps].index(step) + 1,
        previous_url=step_url(draft, previous.key) if previous else None,
    )
    return render(request, f"intake/wizard/{step.split('-', 1)[0]}.html", context)
