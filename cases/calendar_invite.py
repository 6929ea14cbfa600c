"""The star meeting's calendar invitation as an iCalendar file (RFC 5545, RFC 5546 iTIP).

One meeting keeps one ``UID`` for its whole life; each change (a new time, a new place, the
cancellation) carries a higher ``SEQUENCE``, so calendar programs replace the entry instead
of adding a second one. An invitation or update is ``METHOD:REQUEST``, a cancellation
``METHOD:CANCEL`` with ``STATUS:CANCELLED``, a download for one's own calendar
``METHOD:PUBLISH``.

Times are written as Copenhagen wall-clock times (``DTSTART;TZID=Europe/Copenhagen``) with
the zone's ``VTIMEZONE`` beside them, covering the year around the meeting: a meeting at
10:00 on the last Sunday of October (the night summer time ends) stays at 10:00 local time
in every calendar program, whatever offset the zone has that day.

Pure: no ORM, no settings; the caller hands in plain values.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import icalendar

TZID = "Europe/Copenhagen"
COPENHAGEN = ZoneInfo(TZID)
PRODID = "-//Københavns Kommune//KES stjernemøde//DA"


class Method(StrEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"
    PUBLISH = "PUBLISH"


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class Invitation:
    uid: str
    sequence: int
    starts_at: datetime  # aware
    ends_at: datetime  # aware, after starts_at
    summary: str
    organiser: Person
    attendees: tuple[Person, ...] = ()
    location: str = ""
    url: str = ""
    description: str = ""
    method: Method = Method.REQUEST
    stamp: datetime | None = field(default=None)  # aware; DTSTAMP (now when None)


def _address(person: Person, *, attendee: bool) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = person.name
    if attendee:
        address.params["ROLE"] = "REQ-PARTICIPANT"
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
    return address


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a meeting's time must carry its time zone")
    return moment.astimezone(COPENHAGEN)


def invitation_ics(invitation: Invitation) -> bytes:
    """The ``.ics`` file of ``invitation`` (UTF-8, CRLF line ends, folded at 75 octets)."""
    starts, ends = _local(invitation.starts_at), _local(invitation.ends_at)
    if ends <= starts:
        raise ValueError("a meeting must end after it starts")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", str(invitation.method))
    # The zone's rules for the year around the meeting: enough for any calendar program,
    # and a few lines instead of every transition since 1970.
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            TZID,
            first_date=(starts - timedelta(days=366)).date(),
            last_date=(ends + timedelta(days=366)).date(),
        )
    )
    event = icalendar.Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", (invitation.stamp or datetime.now(COPENHAGEN)).astimezone(ZoneInfo("UTC")))
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("summary", invitation.summary)
    if invitation.location:
        event.add("location", invitation.location)
    if invitation.url:
        event.add("url", invitation.url)
    if invitation.description:
        event.add("description", invitation.description)
    event.add("organizer", _address(invitation.organiser, attendee=False))
    for person in invitation.attendees:
        event.add("attendee", _address(person, attendee=True))
    if invitation.method == Method.CANCEL:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
