"""Free advice over the REST API (DESIGN.md §6).

- ``GET /api/v1/advisory/sessions/``: upcoming course sessions and events with free places;
  anonymous allowed, paginated.
- ``GET /api/v1/advisory/slots/``: free counselling slots; anonymous allowed, paginated.
- ``POST /api/v1/advisory/sessions/<id>/registrations/``: sign up (logged in); name and
  e-mail default to the account's. ``DELETE /api/v1/advisory/registrations/<id>/``: cancel.
- ``POST /api/v1/advisory/slots/<id>/bookings/``: book a slot (logged in);
  ``DELETE /api/v1/advisory/bookings/<id>/``: cancel it.

A registration or booking of someone else is a 404. The serializers check the shape; the
services say what the values mean, with the pages' messages.
"""

from django.http import Http404
from django.utils import translation
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, services
from .models import CounsellingBooking, Registration, Session, Slot


class AdvicePagination(PageNumberPagination):
    page_size = 50


class PlaceSerializer(serializers.Serializer):
    name = serializers.CharField()
    address = serializers.CharField()
    kind = serializers.CharField()


class CourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    topic = serializers.CharField()
    audience = serializers.CharField()
    language = serializers.CharField()


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    course = CourseSerializer()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = PlaceSerializer(source="hub", allow_null=True)
    online = serializers.SerializerMethodField()
    capacity = serializers.IntegerField()
    free_places = serializers.IntegerField()

    def get_online(self, session) -> bool:
        return session.hub_id is None


class SlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    advisor = serializers.SerializerMethodField()
    place = PlaceSerializer(source="hub", allow_null=True)
    online = serializers.SerializerMethodField()

    def get_advisor(self, slot) -> str:
        return slot.advisor.get_full_name() or slot.advisor.username

    def get_online(self, slot) -> bool:
        return slot.hub_id is None


class SessionListView(ListAPIView):
    permission_classes = (AllowAny,)
    pagination_class = AdvicePagination
    serializer_class = SessionSerializer

    def get_queryset(self):
        return selectors.sessions_with_free_places()


class SlotListView(ListAPIView):
    permission_classes = (AllowAny,)
    pagination_class = AdvicePagination
    serializer_class = SlotSerializer

    def get_queryset(self):
        return selectors.free_slots()


def _language() -> str:
    return "en" if (translation.get_language() or "").startswith("en") else "da"


class PersonSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=200)
    email = serializers.CharField(required=False, max_length=254)
    cvr = serializers.CharField(required=False, default="", allow_blank=True, max_length=20)

    def person(self, user) -> dict:
        data = dict(self.validated_data)
        data.setdefault("name", user.get_full_name() or user.username)
        data.setdefault("email", user.email)
        return data


class BookingBodySerializer(PersonSerializer):
    topic = serializers.CharField(max_length=30)
    description = serializers.CharField(max_length=2000)


def _registration_data(registration) -> dict:
    return {
        "id": registration.pk,
        "session": registration.session_id,
        "status": registration.status,
        "offer_expires_at": registration.offer_expires_at,
    }


def _booking_data(booking) -> dict:
    return {
        "id": booking.pk,
        "slot": booking.slot_id,
        "status": booking.status,
        "starts_at": booking.slot.starts_at,
        "sequence": booking.sequence,
    }


class RegistrationCreateView(APIView):
    permission_classes = (IsAuthenticated,)

    def post(self, request: Request, pk: int) -> Response:
        _exists(Session, pk)
        body = PersonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        registration = services.registration_create(
            session_id=pk, language=_language(), user=request.user, **body.person(request.user)
        )
        return Response(_registration_data(registration), status=status.HTTP_201_CREATED)


def _exists(model, pk) -> None:
    if not model.objects.filter(pk=pk).exists():
        raise Http404


def _own(model, user, pk):
    row = model.objects.filter(pk=pk, user=user).first()
    if row is None:
        raise Http404
    return row


class RegistrationCancelView(APIView):
    permission_classes = (IsAuthenticated,)

    def delete(self, request: Request, pk: int) -> Response:
        _own(Registration, request.user, pk)
        return Response(_registration_data(services.registration_cancel(registration_id=pk)))


class BookingCreateView(APIView):
    permission_classes = (IsAuthenticated,)

    def post(self, request: Request, pk: int) -> Response:
        _exists(Slot, pk)
        body = BookingBodySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        booking = services.booking_create(
            slot_id=pk, language=_language(), user=request.user, **body.person(request.user)
        )
        return Response(_booking_data(booking), status=status.HTTP_201_CREATED)


class BookingCancelView(APIView):
    permission_classes = (IsAuthenticated,)

    def delete(self, request: Request, pk: int) -> Response:
        _own(CounsellingBooking, request.user, pk)
        return Response(_booking_data(services.booking_cancel(booking_id=pk)))
