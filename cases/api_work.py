"""Work on cases over the REST API: task queues and the messages of a case (DESIGN.md §6).

- ``GET /api/v1/tasks/``: open tasks of the departments the user works in (KES staff also
  KES's own queue), nearest deadline first, 50 a page. ``?department=<code>`` narrows to one
  of those departments: any other code, known or not, is a 404 (as for a case the user may
  not see, a department's queue is not probed). ``?service=<code>`` narrows to one service.
  Only staff have queues: a business user is a 403.
- ``GET /api/v1/cases/<reference>/messages/``: the messages of a case the user may see,
  oldest first (404 otherwise). Internal notes are never part of the API.
- ``POST`` the same address ``{"text": "..."}``: a message through ``message_send``, as the
  business or as staff who may write on the case; JSON only, files are not sent through the
  API. A role that only reads (manager, triage) gets 403; an empty text a 400 with the
  field's message.
"""

from django.http import Http404
from django.urls import reverse
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kes.access import get_for_user_or_404, is_staff_user

from .models import Case, CaseMessage
from .selectors import cases_visible_to
from .selectors.api import case_messages_for_api, open_tasks_for_api, task_departments_of
from .services import message_send


class IsStaff(BasePermission):
    """People who work for the municipality; businesses have no task queue."""

    def has_permission(self, request, view) -> bool:
        return is_staff_user(request.user)


class TaskPagination(PageNumberPagination):
    page_size = 50


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.CharField(source="case.reference")
    business = serializers.SerializerMethodField()
    service = serializers.SerializerMethodField()
    department = serializers.CharField(source="department.code")
    kind = serializers.CharField()
    status = serializers.CharField()
    assignee = serializers.SerializerMethodField()
    deadline = serializers.DateField(allow_null=True)
    received_on = serializers.DateField()

    def get_business(self, task) -> dict:
        return {"cvr": task.case.business.cvr, "name": task.case.business.name}

    def get_service(self, task) -> str | None:
        # KES's own tasks (an immediate answer, a pilot, triage) concern no single service.
        return task.case_service.service.code if task.case_service else None

    def get_assignee(self, task) -> str | None:
        return task.assignee.get_username() if task.assignee else None


class TaskListView(ListAPIView):
    permission_classes = (IsAuthenticated, IsStaff)
    pagination_class = TaskPagination
    serializer_class = TaskSerializer

    def get_queryset(self):
        departments = task_departments_of(self.request.user)
        code = self.request.query_params.get("department", "").strip()
        if code:
            departments = departments.filter(code=code)
            if not departments.exists():
                raise Http404
        service = self.request.query_params.get("service", "").strip()
        return open_tasks_for_api(departments, service=service)


def _author(user) -> str:
    return user.get_full_name().strip() or user.get_username()


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    from_business = serializers.BooleanField()
    author = serializers.SerializerMethodField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    documents = serializers.SerializerMethodField()

    def get_author(self, message: CaseMessage) -> str:
        return _author(message.author)

    def get_documents(self, message: CaseMessage) -> list[dict]:
        reference = self.context["case"].reference
        request = self.context.get("request")
        documents = []
        for document in message.documents.all():
            url = reverse(
                "case_document_download",
                kwargs={"reference": reference, "document_id": document.pk},
            )
            documents.append(
                {
                    "id": document.pk,
                    "name": document.original_name,
                    "url": request.build_absolute_uri(url) if request else url,
                }
            )
        return documents


class MessageInputSerializer(serializers.Serializer):
    # The service says what a good text is, so the API and the pages give the same message.
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class CaseMessagesView(APIView):
    def _case(self, request, reference: str) -> Case:
        return get_for_user_or_404(
            Case.objects.all(), request.user, visible=cases_visible_to, reference=reference
        )

    def get(self, request: Request, reference: str) -> Response:
        case = self._case(request, reference)
        context = {"case": case, "request": request}
        return Response(
            MessageSerializer(case_messages_for_api(case), many=True, context=context).data
        )

    def post(self, request: Request, reference: str) -> Response:
        case = self._case(request, reference)
        body = MessageInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        message = message_send(case=case, by=request.user, text=body.validated_data.get("text"))
        context = {"case": case, "request": request}
        return Response(
            MessageSerializer(message, context=context).data, status=status.HTTP_201_CREATED
        )
