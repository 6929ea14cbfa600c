from django.db import models
from django.utils.translation import gettext_lazy as _

# The catalogue's entry for free advice: the one entrance leads it to the course calendar
# and the counselling booking instead of opening a case.
ADVICE_SERVICE_CODE = "kes_advice_signup"

# How long a seat offered from the waiting list is held (hours): the default and the floor.
OFFER_HOURS_DEFAULT = 48
OFFER_HOURS_MIN = 6


class OfferingKind(models.TextChoices):
    COURSE = "course", _("Course")
    OUTREACH = "outreach", _("Outreach event")


class Topic(models.TextChoices):
    STARTING = "starting", _("Starting a business")
    BUILDING_APPLICATION = "building_application", _("The good building application")
    PERMITS = "permits", _("Permits and rules")
    FINANCE = "finance", _("Finance and accounts")
    HIRING = "hiring", _("Hiring and employees")
    MARKETING = "marketing", _("Sales and marketing")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    FOUNDERS = "founders", _("Would-be founders")
    SMALL_BUSINESSES = "small_businesses", _("Small businesses")
    ALL = "all", _("Everyone")


class HubKind(models.TextChoices):
    KES = "kes", _("Copenhagen Business Service")
    UNIVERSITY = "university", _("University")
    BUSINESS_SCHOOL = "business_school", _("Business school")
    COWORKING = "coworking", _("Co-working space")
    OTHER = "other", _("Other")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Seat offered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Offer expired")


# A person holds at most one of these per session.
ACTIVE_REGISTRATION = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.OFFERED,
)
# Statuses that hold one of the session's seats.
SEAT_HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class NotificationKind(models.TextChoices):
    REGISTERED = "advisory.registered", _("Registration confirmed")
    WAITING = "advisory.waiting", _("On the waiting list")
    OFFER = "advisory.offer", _("Seat offered from the waiting list")
    REMINDER = "advisory.reminder", _("Reminder the day before")
    EVALUATION = "advisory.evaluation", _("Evaluation after the session")
    BOOKING = "advisory.booking", _("Counselling invitation")
    BOOKING_CANCELLED = "advisory.booking_cancelled", _("Counselling cancelled")
