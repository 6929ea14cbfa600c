"""``GET /api/v1/stats/sla/`` (DESIGN.md §6): the service-target figures for managers.

Filters (query parameters) as on the dashboard: ``from``, ``to`` (decision dates,
inclusive; the last 12 months without them), ``department``, ``service`` (codes),
``track`` and ``channel``. A department lead gets the figures of their own departments
only; asking for another is a 400 like any other bad parameter (field messages). Other
roles get 403, anonymous users 401.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from routing.calendar import local_date

from .stats import bands
from .stats import selectors as stats
from .stats.filters import parse_filters


class ReadsDashboard(BasePermission):
    def has_permission(self, request, view) -> bool:
        return stats.may_see_dashboard(request.user)


def _clock(summary: dict, name: str) -> dict:
    return {"median": summary[f"{name}_p50"], "p90": summary[f"{name}_p90"]}


class SlaStatsView(APIView):
    permission_classes = (IsAuthenticated, ReadsDashboard)

    def get(self, request: Request) -> Response:
        today = local_date(timezone.now())
        scope = stats.scope_of(request.user)
        departments, services = stats.filter_choices(scope)
        form, filters = parse_filters(
            request.query_params,
            today=today,
            departments=departments,
            services=services,
            scope=scope,
        )
        if not form.is_valid():
            raise ValidationError(form.api_errors())
        summary = stats.summary(filters)
        backlog = stats.backlog(filters, today)
        return Response(
            {
                "filters": {
                    "from": filters.date_from.isoformat(),
                    "to": filters.date_to.isoformat(),
                    "department": filters.department or None,
                    "departments": sorted(filters.scope) if filters.scope is not None else None,
                    "service": filters.service or None,
                    "track": filters.track or None,
                    "channel": filters.channel or None,
                },
                "decided": summary["decided"],
                "with_target": summary["with_target"],
                "within_target": summary["within"],
                "over_target": summary["over"],
                "share_within_target": summary["share_within"],
                "gross": _clock(summary, "gross"),
                "net": _clock(summary, "net"),
                "national": _clock(summary, "national"),
                "breaches": backlog["breached"],
                "information_requests_per_case": summary["requests_per_case"],
                "open_backlog": {
                    "total": backlog["open"],
                    "by_age": [
                        {
                            "band": key,
                            "min_days": first,
                            "max_days": last,
                            "count": backlog[f"age:{key}"],
                        }
                        for key, first, last in bands.AGE_BANDS
                    ],
                    "by_target_used": {key: backlog[f"use:{key}"] for key in bands.USE_BANDS},
                },
            }
        )
