"""Who reads the dashboard and how its filters are read (shared by its page and exports)."""

from django.http import HttpRequest
from django.utils import timezone

from kes.constants import Role
from routing.calendar import local_date

from ..stats import selectors as stats
from ..stats.filters import parse_filters

READERS = (Role.MANAGER, Role.DEPARTMENT_LEAD)


def dashboard_filters(request: HttpRequest):
    """The form, the filters held to the reader's scope, and the names of the choices."""
    scope = stats.scope_of(request.user)
    departments, services = stats.filter_choices(scope)
    form, filters = parse_filters(
        request.GET or None,
        today=local_date(timezone.now()),
        departments=departments,
        services=services,
        scope=scope,
    )
    return form, filters, dict(departments), dict(services)
