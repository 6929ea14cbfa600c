"""Counselling: slots from weekly availability, booking, rescheduling, cancelling, the .ics."""

from datetime import date, time, timedelta

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from advisory.constants import BookingStatus, NotificationKind
from advisory.ics import booking_calendar
from advisory.models import CounsellingBooking, Slot
from advisory.services import (
    availability_add,
    availability_exception_add,
    booking_cancel,
    booking_create,
    booking_referral_link,
    booking_reschedule,
    note_save,
)
from kes.models import Notification

from .helpers import slot

pytestmark = pytest.mark.django_db


def book(on, n=1, **fields):
    data = {
        "slot_id": on.pk,
        "name": f"Founder {n}",
        "email": f"founder{n}@example.invalid",
        "language": "en",
        "topic": "starting",
        "description": "I want to open a bakery.",
    }
    data.update(fields)
    return booking_create(**data)


def test_weekly_availability_publishes_slots_and_exceptions_withdraw_free_ones(advisor_user):
    today = timezone.localdate()
    availability_add(
        advisor=advisor_user,
        weekday=(today + timedelta(days=2)).weekday(),
        start_time=time(9),
        end_time=time(12),
        slot_minutes=60,
    )
    slots = Slot.objects.filter(advisor=advisor_user)
    assert slots.count() >= 3 * 8
    first_day = timezone.localtime(slots.first().starts_at).date()
    booked = book(slots.first())
    availability_exception_add(advisor=advisor_user, day=first_day, reason="Kursus")
    on_day = [s for s in slots.all() if timezone.localtime(s.starts_at).date() == first_day]
    assert [s.withdrawn for s in on_day] == [False, True, True]  # the booked one stays
    assert on_day[0].pk == booked.slot_id


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"weekday": 7}, "weekday"),
        ({"end_time": time(8)}, "end_time"),
        ({"slot_minutes": 5}, "slot_minutes"),
        ({"valid_until": date(2000, 1, 1)}, "valid_until"),
    ],
)
def test_bad_availability(advisor_user, fields, field):
    data = {"weekday": 1, "start_time": time(9), "end_time": time(12), "slot_minutes": 60}
    data.update(fields)
    with pytest.raises(ValidationError) as error:
        availability_add(advisor=advisor_user, **data)
    assert field in error.value.message_dict
    assert not Slot.objects.exists()


def test_book_once_and_the_second_is_told():
    free = slot()
    booking = book(free)
    assert booking.status == BookingStatus.BOOKED
    with pytest.raises(ValidationError) as error:
        book(free, 2)
    assert "slot" in error.value.message_dict
    assert CounsellingBooking.objects.count() == 1
    assert Notification.objects.filter(kind=NotificationKind.BOOKING).count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"topic": "astrology"}, "topic"),
        ({"topic": ["starting"]}, "topic"),
        ({"description": ""}, "description"),
        ({"description": "x\x00"}, "description"),
        ({"description": "x" * 2001}, "description"),
        ({"email": "nope"}, "email"),
        ({"name": "\udfff"}, "name"),
    ],
)
def test_bad_booking_stores_nothing(fields, field):
    with pytest.raises(ValidationError) as error:
        book(slot(), **fields)
    assert field in error.value.message_dict
    assert not CounsellingBooking.objects.exists()


def test_past_and_withdrawn_slots_cannot_be_booked():
    past = slot(days=-1)
    with pytest.raises(ValidationError):
        book(past)
    withdrawn = slot(days=4)
    withdrawn.withdrawn = True
    withdrawn.save()
    with pytest.raises(ValidationError):
        book(withdrawn)


def test_reschedule_and_cancel_keep_the_uid_and_raise_the_sequence(
    mailoutbox, django_capture_on_commit_callbacks
):
    first, second = slot(hour=9), slot(hour=11)
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(first)
    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_reschedule(booking_id=booking.pk, slot_id=second.pk)
    assert (booking.slot_id, booking.sequence) == (second.pk, 1)
    # The first slot is free again.
    assert book(first, 2).slot_id == first.pk
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking_id=booking.pk)
    booking_cancel(booking_id=booking.pk)
    booking.refresh_from_db()
    assert (booking.status, booking.sequence) == (BookingStatus.CANCELLED, 2)
    calendars = [
        icalendar.Calendar.from_ical(m.attachments[0][1])
        for m in mailoutbox
        if m.to == ["founder1@example.invalid"]
    ]
    assert [str(c["METHOD"]) for c in calendars] == ["REQUEST", "REQUEST", "CANCEL"]
    events = [c.walk("VEVENT")[0] for c in calendars]
    assert len({str(e["UID"]) for e in events}) == 1
    assert [int(e["SEQUENCE"]) for e in events] == [0, 1, 2]


def test_ics_parses_with_copenhagen_time_zone():
    on = slot(hour=10)
    booking = book(on)
    calendar = icalendar.Calendar.from_ical(booking_calendar(booking))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Copenhagen"
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert start == on.starts_at
    assert start.hour == 10
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert str(event["UID"]).startswith(f"kes-counselling-{booking.pk}@")
    assert int(event["SEQUENCE"]) == 0


def test_the_invitation_mail_carries_the_ics(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        book(slot())
    (message,) = mailoutbox
    name, content, mimetype = message.attachments[0]
    assert name == "invitation.ics"
    assert mimetype.startswith("text/calendar")
    text = content if isinstance(content, str) else content.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Copenhagen" in text
    assert "/advice/bookings/" in message.body  # the link to move or cancel


def test_note_and_referral_link(advisor_user):
    booking = book(slot(advisor=advisor_user))
    note = note_save(
        booking=booking, author=advisor_user, text="Talked about permits.", follow_up="Send guide"
    )
    booking_referral_link(booking_id=booking.pk, case_reference="KES-2026-000123")
    note.refresh_from_db()
    assert (note.text, note.case_reference) == ("Talked about permits.", "KES-2026-000123")
    with pytest.raises(ValidationError):
        note_save(booking=booking, author=advisor_user, text="")
