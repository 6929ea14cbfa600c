"""The staff overview: a staff member's roles and the departments they belong to."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from kes.access import STAFF_ROLES, role_required, roles_of
from kes.types import AuthenticatedHttpRequest

from .selectors import memberships_of


@role_required(*STAFF_ROLES)
@never_cache
def staff_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "staff/home.html",
        {"roles": sorted(roles_of(request.user)), "departments": memberships_of(request.user)},
    )
