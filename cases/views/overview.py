"""The staff overview at /staff/, where staff land after login: for those who work tasks,
their work in numbers (my tasks, due soon, overdue, waiting for the business, the
department's unassigned queue), each linking to its filtered list; for everyone, their
roles and departments and the pages their roles open."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from kes.access import STAFF_ROLES, has_role, role_required, roles_of
from kes.types import AuthenticatedHttpRequest
from routing.selectors import memberships_of

from ..selectors import work as reads
from .work import WORKERS

# (count's key, label, list, query string): each figure opens the list it counts.
FIGURES = (
    ("mine", _("My open tasks"), "task_inbox", ""),
    ("due_soon", _("Due soon"), "task_inbox", "?deadline=warning"),
    ("overdue", _("Overdue"), "task_inbox", "?deadline=overdue"),
    ("waiting", _("Waiting for the business"), "task_inbox", "?deadline=waiting"),
    ("queue", _("Unassigned in my department's queue"), "department_queue", ""),
)


@role_required(*STAFF_ROLES)
@never_cache
def staff_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    figures = []
    if has_role(request.user, *WORKERS):
        counts = reads.work_counts(request.user, today=timezone.localdate())
        figures = [
            {"key": key, "label": label, "count": counts[key], "url": reverse(name) + query}
            for key, label, name, query in FIGURES
        ]
    return render(
        request,
        "staff/home.html",
        {
            "figures": figures,
            "roles": sorted(roles_of(request.user)),
            "departments": memberships_of(request.user),
        },
    )


urlpatterns = [path("staff/", staff_home, name="staff_home")]
