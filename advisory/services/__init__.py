"""Every write of free advice (courses, waiting lists, counselling, follow-up)."""

from .counselling import (
    availability_add,
    availability_exception_add,
    booking_attendance_set,
    booking_cancel,
    booking_create,
    booking_referral_link,
    booking_reschedule,
    note_save,
    slots_publish,
)
from .follow_up import outreach_visit_add, survival_check_record
from .registrations import (
    attendance_record,
    evaluation_add,
    offer_accept,
    offers_expire,
    registration_cancel,
    registration_create,
    reminders_send,
)

__all__ = [
    "attendance_record",
    "availability_add",
    "availability_exception_add",
    "booking_attendance_set",
    "booking_cancel",
    "booking_create",
    "booking_referral_link",
    "booking_reschedule",
    "evaluation_add",
    "note_save",
    "offer_accept",
    "offers_expire",
    "outreach_visit_add",
    "registration_cancel",
    "registration_create",
    "reminders_send",
    "slots_publish",
    "survival_check_record",
]
