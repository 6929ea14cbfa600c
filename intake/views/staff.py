"""Staff-assisted intake (medbetjening): KES staff apply on behalf of a business."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cases.selectors import business_by_cvr
from cases.services import business_create
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
        business = business_by_cvr(data["cvr"])
        if business is None:
            if not (data["name"] and data["email"]):
                form.add_error(
                    None,
                    _(
                        "The business is not in the portal yet: give its name and contact "
                        "e-mail to register it."
                    ),
                )
                return render(request, "intake/staff_intake.html", {"form": form, "new": True})
            try:
                business = business_create(cvr=data["cvr"], name=data["name"], email=data["email"])
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
