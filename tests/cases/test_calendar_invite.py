"""The star meeting's .ics file (cases.calendar_invite): pure, parsed back with icalendar."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from cases.calendar_invite import COPENHAGEN, Invitation, Method, Person, invitation_ics

ORGANISER = Person("KES", "kes@kk.dk")
UID = "5f0c8a3e-1d2b-4c5d-9e8f-0a1b2c3d4e5f"


def _invitation(starts_at, minutes=90, **extra):
    extra.setdefault("attendees", (Person("Ærlig Øster", "a@example.dk"), Person("", "b@x.dk")))
    return Invitation(
        uid=UID,
        sequence=extra.pop("sequence", 0),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        summary="Stjernemøde KES-2027-000001",
        organiser=ORGANISER,
        stamp=datetime(2027, 1, 1, tzinfo=UTC),
        **extra,
    )


def _event(data: bytes):
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


@pytest.mark.parametrize(
    "starts_at, local, utc_offset_hours",
    [
        # Summer time.
        (datetime(2027, 6, 15, 10, 0, tzinfo=COPENHAGEN), "20270615T100000", 2),
        # Winter time.
        (datetime(2027, 1, 12, 9, 30, tzinfo=COPENHAGEN), "20270112T093000", 1),
        # The last Sunday of October: summer time ended at 03:00 that night.
        (datetime(2027, 10, 31, 10, 0, tzinfo=COPENHAGEN), "20271031T100000", 1),
        # The Saturday before it is still summer time.
        (datetime(2027, 10, 30, 10, 0, tzinfo=COPENHAGEN), "20271030T100000", 2),
        # The last Sunday of March: summer time began at 02:00.
        (datetime(2027, 3, 28, 10, 0, tzinfo=COPENHAGEN), "20270328T100000", 2),
        # Given in UTC: written as Copenhagen wall-clock time.
        (datetime(2027, 10, 31, 9, 0, tzinfo=UTC), "20271031T100000", 1),
    ],
)
def test_local_time_with_its_zone(starts_at, local, utc_offset_hours):
    data = invitation_ics(_invitation(starts_at))
    assert f"DTSTART;TZID=Europe/Copenhagen:{local}".encode() in data
    calendar, event = _event(data)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Copenhagen"
    start = event.decoded("DTSTART")
    assert start.utcoffset() == timedelta(hours=utc_offset_hours)
    assert start == starts_at
    assert event.decoded("DTEND") - start == timedelta(minutes=90)


def test_the_zone_of_the_october_change_has_its_transitions():
    data = invitation_ics(_invitation(datetime(2027, 10, 31, 10, 0, tzinfo=COPENHAGEN)))
    calendar, _event_ = _event(data)
    (zone,) = calendar.walk("VTIMEZONE")
    standard_starts = [c.decoded("DTSTART") for c in zone.walk("STANDARD")]
    assert datetime(2027, 10, 31, 3, 0) in standard_starts
    # Another calendar program reading the zone as written gets the same instant.
    tz = zone.to_tz()
    assert datetime(2027, 10, 31, 10, 0, tzinfo=tz).utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    "method, status",
    [(Method.REQUEST, "CONFIRMED"), (Method.CANCEL, "CANCELLED"), (Method.PUBLISH, "CONFIRMED")],
)
def test_method_and_identity(method, status):
    starts = datetime(2027, 5, 3, 13, 0, tzinfo=COPENHAGEN)
    calendar, event = _event(invitation_ics(_invitation(starts, method=method, sequence=3)))
    assert calendar["METHOD"] == str(method)
    assert str(event["UID"]) == UID
    assert event["SEQUENCE"] == 3
    assert str(event["STATUS"]) == status
    assert str(event["ORGANIZER"]) == "mailto:kes@kk.dk"
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:a@example.dk", "mailto:b@x.dk"]
    assert attendees[0].params["CN"] == "Ærlig Øster"
    assert "CN" not in attendees[1].params


def test_place_link_and_description_when_given():
    starts = datetime(2027, 5, 3, 13, 0, tzinfo=COPENHAGEN)
    data = invitation_ics(
        _invitation(
            starts,
            location="Rådhuspladsen 1; lokale 12, 1550 København V",
            url="https://video.example.dk/m/1",
            description="Line one\nline two",
        )
    )
    _calendar, event = _event(data)
    assert str(event["LOCATION"]) == "Rådhuspladsen 1; lokale 12, 1550 København V"
    assert str(event["URL"]) == "https://video.example.dk/m/1"
    assert str(event["DESCRIPTION"]) == "Line one\nline two"
    # Lines are folded at 75 octets with CRLF ends.
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


@pytest.mark.parametrize(
    "starts_at, minutes, problem",
    [
        (datetime(2027, 5, 3, 13, 0), 60, "time zone"),
        (datetime(2027, 5, 3, 13, 0, tzinfo=COPENHAGEN), 0, "end after"),
        (datetime(2027, 5, 3, 13, 0, tzinfo=COPENHAGEN), -30, "end after"),
    ],
)
def test_refuses_what_is_not_a_meeting(starts_at, minutes, problem):
    with pytest.raises(ValueError, match=problem):
        invitation_ics(_invitation(starts_at, minutes=minutes))
