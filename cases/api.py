"""The case as the REST API shows it: ``GET /api/v1/cases/<reference>/`` (DESIGN.md §6).

Days of a case (DESIGN.md §5): business days (Europe/Copenhagen) from the received date to
the closing date, or to today while the case is open; the received date itself never
counts. Net days leave out the time every open task waited for the applicant; until cases
have department tasks nothing can wait, so net equals gross and ``tasks`` is empty.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kes.access import get_for_user_or_404
from routing.calendar import business_days_between, local_date

from .models import Case
from .selectors import cases_visible_to


def case_gross_days(case: Case, *, today: date | None = None) -> int:
    end = local_date(case.closed_at) if case.closed_at else today or local_date(timezone.now())
    return business_days_between(
        local_date(case.received_at), end, closing_days=settings.KES_CLOSING_DAYS
    )


class BusinessSerializer(serializers.Serializer):
    cvr = serializers.CharField()
    name = serializers.CharField()


class CaseSerializer(serializers.Serializer):
    reference = serializers.CharField()
    track = serializers.CharField()
    status = serializers.CharField()
    channel = serializers.CharField()
    received_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    business = BusinessSerializer()
    gross_days = serializers.SerializerMethodField()
    net_days = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()

    def get_gross_days(self, case: Case) -> int:
        return case_gross_days(case)

    def get_net_days(self, case: Case) -> int:
        return case_gross_days(case)

    def get_tasks(self, case: Case) -> list:
        return []


def cases_for_api():
    """Cases with what the representation reads (the business) in the same query."""
    return Case.objects.select_related("business")


class CaseDetailView(APIView):
    """A case the user may see; any other reference is a 404, known or not."""

    def get(self, request, reference: str):
        case = get_for_user_or_404(
            cases_for_api(), request.user, visible=cases_visible_to, reference=reference
        )
        return Response(CaseSerializer(case).data)
