"""A business account: registering it, and "my page" after login.

A business user's account is the cases app's business (``business_account_register``,
``businesses_of``); kes only sends people here after login by the URL name "account".
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kes.access import roles_of
from kes.language import reverse_in_language
from kes.types import AuthenticatedHttpRequest

from ..forms.accounts import BusinessRegistrationForm
from ..selectors import businesses_of
from ..services import business_account_register


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("account")
    form = BusinessRegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = business_account_register(
                username=data["username"],
                password=data["password1"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=data["language"],
                business={
                    "cvr": data["cvr"],
                    "name": data["business_name"],
                    "email": data["email"],
                    "address": data["address"],
                    "postcode": data["postcode"],
                    "city": data["city"],
                    "phone": data["phone"],
                },
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your business is registered. Welcome."))
            return redirect(reverse_in_language("account", user.language))
    return render(request, "registration/register.html", {"form": form})


@login_required
@never_cache
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """My page: what this person can do here, by role."""
    return render(
        request,
        "account.html",
        {"roles": sorted(roles_of(request.user)), "businesses": businesses_of(request.user)},
    )


urlpatterns = [
    path("register/", register, name="register"),
    path("account/", account, name="account"),
]
