"""Intake over the REST API (DESIGN.md §6): the catalogue, a track preview, applying.

- ``GET /api/v1/services/``: every active service with its questions, documents and
  complaint route (``complaint``, empty when the service has none), in the request's
  language. Not paginated: the catalogue is a few dozen entries and a client needs all of
  them to build its own guide; the query count does not grow with it.
- ``POST /api/v1/intake/classify/``: what would happen to a request; anonymous, writes nothing.
- ``POST /api/v1/cases/``: apply. A business user applies for one of its own businesses
  (``cvr`` chooses when it has several); KES staff apply on behalf of any business by
  ``cvr`` and may register an unknown one with ``business_name`` and ``business_email``.

The serializers only check the shape of the body; what the values mean (known services,
required answers, who may use which channel or received date) is the services' to say, so
the wizard and the API give the same messages.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.selectors.api import cases_for_api
from cases.serializers import CaseSerializer
from kes.access import has_role
from kes.constants import Role
from kes.untrusted import text_problem

from .constants import QuestionType
from .selectors import services_with_details
from .services import application_submit, case_track_preview


class DocumentSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    type = serializers.CharField()
    label = serializers.CharField()
    required = serializers.BooleanField()
    choices = serializers.SerializerMethodField()

    def get_choices(self, question) -> list[dict] | None:
        if question.type != QuestionType.CHOICE:
            return None
        return [{"code": c.code, "label": c.label} for c in question.choices.all()]


class ServiceSerializer(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.CharField()
    name = serializers.CharField()
    summary = serializers.CharField()
    departments = serializers.SerializerMethodField()
    self_service = serializers.BooleanField()
    complexity = serializers.CharField()
    immediate = serializers.BooleanField()
    target = serializers.SerializerMethodField()
    complaint = serializers.CharField()
    required_documents = DocumentSerializer(many=True)
    questions = QuestionSerializer(many=True)
    external_authorities = serializers.SerializerMethodField()

    def get_departments(self, service) -> list[str]:
        return [d.code for d in service.departments.all()]

    def get_target(self, service) -> dict | None:
        if service.target_days is None:
            return None
        return {"days": service.target_days, "unit": service.target_unit}

    def get_external_authorities(self, service) -> list[str]:
        return [a.code for a in service.external_authorities.all()]


class ServiceListView(APIView):
    permission_classes = (AllowAny,)

    def get(self, request: Request) -> Response:
        return Response(ServiceSerializer(services_with_details(), many=True).data)


class AnswersField(serializers.DictField):
    """``{service: {question: value}}``. DRF keys its errors by the keys sent, and a key with
    NUL or a lone surrogate cannot be shown back (kes.untrusted): such a key is refused
    first, with the services' message. The values are the services' to check."""

    default_error_messages = {"code": gettext_lazy("A code in the answers is not valid.")}

    def __init__(self, **kwargs):
        super().__init__(child=serializers.DictField(), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            keys = [
                *data,
                *(key for value in data.values() if isinstance(value, Mapping) for key in value),
            ]
            if any(not isinstance(key, str) or text_problem(key) for key in keys):
                self.fail("code")
        return super().to_internal_value(data)


class RequestSerializer(serializers.Serializer):
    channel = serializers.CharField()
    services = serializers.ListField(child=serializers.CharField())
    answers = AnswersField(required=False, default=dict)
    star_meeting_requested = serializers.BooleanField(required=False, default=False)
    help_requested = serializers.BooleanField(required=False, default=False)


def classification_data(classification) -> dict:
    return {
        "track": classification.track,
        "complexity": classification.complexity,
        "departments": list(classification.departments),
        "authorities": list(classification.authorities),
        "reasons": [{"code": r.code, "text": r.text()} for r in classification.reasons],
    }


class ClassifyView(APIView):
    permission_classes = (AllowAny,)

    def post(self, request: Request) -> Response:
        body = RequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return Response(classification_data(case_track_preview(**body.validated_data)))


class ApplicationSerializer(RequestSerializer):
    description = serializers.CharField(
        required=False, default="", allow_blank=True, trim_whitespace=False
    )
    cvr = serializers.CharField(required=False, default="", allow_blank=True)
    business_name = serializers.CharField(required=False, default="", allow_blank=True)
    business_email = serializers.CharField(required=False, default="", allow_blank=True)
    received_at = serializers.DateTimeField(required=False, default=None, allow_null=True)


class MayApply(BasePermission):
    """A business user, or KES staff applying on a business's behalf."""

    def has_permission(self, request, view):
        return has_role(request.user, Role.BUSINESS, Role.KES_STAFF)


# Keys of the services' errors -> the API field the client sent.
FIELD_OF = {"business": "cvr", "name": "business_name", "email": "business_email"}


def _api_errors(error: ValidationError) -> ValidationError:
    """The services' error keys as the fields this API's client sent."""
    merged: dict[str, list[str]] = {}
    for key, messages in error.message_dict.items():
        merged.setdefault(FIELD_OF.get(key, key), []).extend(messages)
    return ValidationError(merged)


class CaseCreateView(APIView):
    permission_classes = (IsAuthenticated, MayApply)

    def post(self, request: Request) -> Response:
        body = ApplicationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            case = application_submit(by=request.user, **body.validated_data)
        except ValidationError as exc:
            raise _api_errors(exc) from exc
        location = reverse("api_case_detail", kwargs={"reference": case.reference})
        return Response(
            CaseSerializer(cases_for_api().get(pk=case.pk)).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )
