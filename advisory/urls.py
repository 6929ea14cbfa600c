from django.urls import path

from .views import public, staff

urlpatterns = [
    path("advice/", public.calendar, name="advice_calendar"),
    path("advice/sessions/<int:pk>/", public.session_detail, name="advice_session"),
    path(
        "advice/registrations/<str:token>/",
        public.registration_manage,
        name="advice_registration",
    ),
    path("advice/counselling/", public.counselling, name="advice_counselling"),
    path("advice/counselling/<int:pk>/", public.slot_book, name="advice_slot"),
    path("advice/bookings/<str:token>/", public.booking_manage, name="advice_booking"),
    path(
        "advice/bookings/<str:token>/invitation.ics", public.booking_ics, name="advice_booking_ics"
    ),
    path("my/advice/", public.my_advice, name="advice_mine"),
    path("staff/advice/", staff.advisor_home, name="advice_staff"),
    path("staff/advice/sessions/<int:pk>/", staff.session_attendance, name="advice_staff_session"),
    path("staff/advice/bookings/<int:pk>/", staff.booking_note, name="advice_staff_booking"),
    path("staff/advice/slots/", staff.my_slots, name="advice_staff_slots"),
    path("staff/advice/outreach/", staff.outreach, name="advice_staff_outreach"),
    path("staff/advice/figures/", staff.figures, name="advice_figures"),
    path("staff/advice/businesses/<str:cvr>/", staff.business_advice, name="advice_business"),
]
