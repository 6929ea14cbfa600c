"""The advisory API under /api/v1/advisory/ (DESIGN.md §6); ``kes.api`` includes it."""

from django.urls import path

from . import api

urlpatterns = [
    path("advisory/sessions/", api.SessionListView.as_view(), name="api_advice_sessions"),
    path("advisory/slots/", api.SlotListView.as_view(), name="api_advice_slots"),
    path(
        "advisory/sessions/<int:pk>/registrations/",
        api.RegistrationCreateView.as_view(),
        name="api_advice_register",
    ),
    path(
        "advisory/registrations/<int:pk>/",
        api.RegistrationCancelView.as_view(),
        name="api_advice_registration",
    ),
    path(
        "advisory/slots/<int:pk>/bookings/",
        api.BookingCreateView.as_view(),
        name="api_advice_book",
    ),
    path("advisory/bookings/<int:pk>/", api.BookingCancelView.as_view(), name="api_advice_booking"),
]
