"""The calendar invitation (.ics) of a counselling booking: Europe/Copenhagen with its
VTIMEZONE, a UID that stays with the booking, and a SEQUENCE that grows with every change,
so a calendar moves or cancels the meeting it already has."""

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from .constants import BookingStatus
from .rules import COPENHAGEN

PRODID = "-//Copenhagen Business Service//KES portal//EN"


def booking_uid(booking) -> str:
    return f"kes-counselling-{booking.pk}@kes.kk.dk"


def booking_calendar(booking) -> bytes:
    """The invitation as bytes; METHOD:CANCEL once the booking is cancelled."""
    slot = booking.slot
    cancelled = booking.status == BookingStatus.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at.astimezone(COPENHAGEN))
    event.add("dtend", slot.ends_at.astimezone(COPENHAGEN))
    event.add("summary", _("Counselling with Copenhagen Business Service"))
    event.add("description", booking.get_topic_display())
    if slot.hub_id:
        event.add("location", f"{slot.hub.name}, {slot.hub.address}")
    elif slot.online_url:
        event.add("location", slot.online_url)
        event.add("url", slot.online_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{slot.advisor.email or 'kes@kk.dk'}")
    organizer.params["cn"] = vText(slot.advisor.get_full_name() or slot.advisor.username)
    event["organizer"] = organizer
    attendee = vCalAddress(f"mailto:{booking.email}")
    attendee.params["cn"] = vText(booking.name)
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
