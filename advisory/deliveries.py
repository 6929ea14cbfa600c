"""How the outbox delivers free advice's e-mails (registered when the app is ready).

Each mail is rendered from the row as it is at delivery time (an offer that was taken in
the meantime, a booking that was cancelled): what a person reads is never out of date. A
row that is gone has nothing to deliver. A worker that dies between sending and marking the
row may send a mail twice; these are notices, not letters, so that is accepted.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from kes.outbox import deliverer

from .constants import BookingStatus, NotificationKind, RegistrationStatus
from .ics import booking_calendar
from .links import booking_url, registration_url
from .models import CounsellingBooking, Registration

logger = logging.getLogger(__name__)

# What each kind still needs to be worth sending.
_REGISTRATION_STATES = {
    NotificationKind.REGISTERED: {RegistrationStatus.CONFIRMED},
    NotificationKind.WAITING: {RegistrationStatus.WAITING},
    NotificationKind.OFFER: {RegistrationStatus.OFFERED},
    NotificationKind.REMINDER: {RegistrationStatus.CONFIRMED},
    NotificationKind.EVALUATION: {RegistrationStatus.CONFIRMED},
}


def _send(notification, template: str, context: dict, attachments=()) -> None:
    context = {**context, "kes_contact": settings.KES_CONTACT}
    with translation.override(notification.language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        reply_to=[settings.KES_CONTACT["email"]],
    )
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def _registration(notification) -> None:
    registration = (
        Registration.objects.select_related("session__course", "session__hub")
        .filter(pk=notification.payload.get("pk"))
        .first()
    )
    if registration is None:
        logger.warning("outbox: %s: the registration is gone", notification.key)
        return
    if registration.status not in _REGISTRATION_STATES[notification.kind]:
        return  # e.g. an offer taken or cancelled before the mail went out
    kind = notification.kind.removeprefix("advisory.")
    _send(
        notification,
        f"advisory/email/{kind}",
        {
            "registration": registration,
            "session": registration.session,
            "link": registration_url(registration.pk, notification.language),
        },
    )


def _booking(notification) -> None:
    booking = (
        CounsellingBooking.objects.select_related("slot__advisor", "slot__hub")
        .filter(pk=notification.payload.get("pk"))
        .first()
    )
    if booking is None:
        logger.warning("outbox: %s: the booking is gone", notification.key)
        return
    cancelled = notification.kind == NotificationKind.BOOKING_CANCELLED
    if not cancelled and booking.status != BookingStatus.BOOKED:
        return
    with translation.override(notification.language):
        ics = booking_calendar(booking)
    method = "CANCEL" if cancelled else "REQUEST"
    _send(
        notification,
        "advisory/email/booking_cancelled" if cancelled else "advisory/email/booking",
        {
            "booking": booking,
            "slot": booking.slot,
            "link": booking_url(booking.pk, notification.language),
        },
        attachments=[("invitation.ics", ics, f"text/calendar; method={method}; charset=utf-8")],
    )


for _kind in _REGISTRATION_STATES:
    deliverer(_kind)(_registration)
deliverer(NotificationKind.BOOKING)(_booking)
deliverer(NotificationKind.BOOKING_CANCELLED)(_booking)
