"""The case over the REST API: ``GET /api/v1/cases/<reference>/`` (DESIGN.md §6).

What a case looks like there, days included, is ``cases.serializers``'s to say.
"""

from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kes.access import get_for_user_or_404

from .selectors import cases_visible_to
from .selectors.api import cases_for_api
from .serializers import CaseSerializer


class CaseDetailView(APIView):
    """A case the user may see; any other reference is a 404, known or not."""

    def get(self, request: Request, reference: str) -> Response:
        case = get_for_user_or_404(
            cases_for_api(), request.user, visible=cases_visible_to, reference=reference
        )
        return Response(CaseSerializer(case, context={"request": request}).data)
