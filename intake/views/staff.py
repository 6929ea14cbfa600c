"""Staff-assisted intake (medbetjening): KES staff apply on behalf of a business."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from cases import services
from intake.forms import StaffBusinessForm
from intake.services import draft_start
from kes.access import role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest


@role_required(Role.KES_STAFF)
@never_cache
def staff_intake(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Find the business by CVR (or register it), then fill the wizard on its behalf."""
    form = StaffBusinessForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
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
            staff_assisted=True,
        )
        return redirect(
            reverse("application_step", kwargs={"draft_id": draft.pk, "step": "channel"})
        )
    return render(request, "intake/staff_intake.html", {"form": form})
