from .counselling import (
    AvailabilityException,
    CounsellingBooking,
    CounsellingNote,
    Slot,
    WeeklyAvailability,
)
from .follow_up import OutreachVisit, SurvivalCheck
from .offerings import Course, Evaluation, PartnerHub, Registration, Session

__all__ = [
    "AvailabilityException",
    "CounsellingBooking",
    "CounsellingNote",
    "Course",
    "Evaluation",
    "OutreachVisit",
    "PartnerHub",
    "Registration",
    "Session",
    "Slot",
    "SurvivalCheck",
    "WeeklyAvailability",
]
