"""1-1 counselling: publishing slots from weekly availability, booking, rescheduling,
cancelling, and the advisor's note.

A booking locks its slot row (``SELECT … FOR UPDATE``) and a partial unique constraint
allows one live booking per slot, so two people pressing "book" at the same moment get one
booking and one clear message.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import BookingStatus, NotificationKind, Topic
from ..models import (
    AvailabilityException,
    CounsellingBooking,
    CounsellingNote,
    Slot,
    WeeklyAvailability,
)
from ..rules import COPENHAGEN, Away, Weekly, expand_availability
from .checks import clean_person, clean_text
from .outbox import notify

PUBLISH_WEEKS = 8


def _away(advisor, first: date, last: date) -> list[Away]:
    return [
        Away(e.date, e.start_time, e.end_time)
        for e in AvailabilityException.objects.filter(advisor=advisor, date__range=(first, last))
    ]


@transaction.atomic
def slots_publish(*, advisor, first: date | None = None, weeks: int = PUBLISH_WEEKS) -> int:
    """Create the slots the advisor's weekly availability gives for the coming weeks
    (those that exist stay as they are); one insert. The place of a slot is its rule's."""
    first = first or timezone.localdate()
    last = first + timedelta(weeks=weeks)
    rules = list(WeeklyAvailability.objects.filter(advisor=advisor))
    away = _away(advisor, first, last)
    slots = []
    for rule in rules:
        weekly = Weekly(
            rule.weekday,
            rule.start_time,
            rule.end_time,
            rule.slot_minutes,
            rule.valid_from,
            rule.valid_until,
        )
        for start, end in expand_availability([weekly], away, first=first, last=last):
            if start > timezone.now():
                slots.append(
                    Slot(
                        advisor=advisor,
                        starts_at=start,
                        ends_at=end,
                        hub=rule.hub,
                        online_url=rule.online_url,
                    )
                )
    return len(Slot.objects.bulk_create(slots, ignore_conflicts=True))


@transaction.atomic
def availability_add(
    *,
    advisor,
    weekday: int,
    start_time: time,
    end_time: time,
    slot_minutes: int = 60,
    valid_from: date | None = None,
    valid_until: date | None = None,
    hub=None,
    online_url: str = "",
) -> WeeklyAvailability:
    """A weekly time the advisor offers counselling; its slots are published at once."""
    errors = {}
    if not 0 <= weekday <= 6:
        errors["weekday"] = [_("Choose a weekday.")]
    if end_time <= start_time:
        errors["end_time"] = [_("The end must be after the start.")]
    if not 15 <= slot_minutes <= 240:
        errors["slot_minutes"] = [_("A slot lasts from 15 to 240 minutes.")]
    valid_from = valid_from or timezone.localdate()
    if valid_until and valid_until < valid_from:
        errors["valid_until"] = [_("The last day must not be before the first.")]
    if errors:
        raise ValidationError(errors)
    rule = WeeklyAvailability.objects.create(
        advisor=advisor,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        slot_minutes=slot_minutes,
        valid_from=valid_from,
        valid_until=valid_until,
        hub=hub,
        online_url=online_url,
    )
    slots_publish(advisor=advisor)
    return rule


@transaction.atomic
def availability_exception_add(
    *,
    advisor,
    day: date,
    start_time: time | None = None,
    end_time: time | None = None,
    reason: str = "",
) -> AvailabilityException:
    """The advisor is away: slots in that time that nobody booked are withdrawn; booked
    ones stay (the advisor cancels them, which tells the person)."""
    today = timezone.localdate()
    if not today <= day <= today + timedelta(days=2 * 366):
        raise ValidationError({"day": _("Give a date from today and up to two years ahead.")})
    if (start_time is None) != (end_time is None):
        raise ValidationError({"end_time": _("Give both times, or neither for the whole day.")})
    if start_time is not None and end_time <= start_time:
        raise ValidationError({"end_time": _("The end must be after the start.")})
    reason = clean_text("reason", reason, max_length=200, required=False)
    exception = AvailabilityException.objects.create(
        advisor=advisor, date=day, start_time=start_time, end_time=end_time, reason=reason
    )
    begin = datetime.combine(day, start_time or time.min, tzinfo=COPENHAGEN)
    end = (
        datetime.combine(day, end_time, tzinfo=COPENHAGEN)
        if end_time
        else begin + timedelta(days=1)
    )
    Slot.objects.filter(
        advisor=advisor, starts_at__lt=end, ends_at__gt=begin, withdrawn=False
    ).exclude(bookings__status=BookingStatus.BOOKED).update(withdrawn=True)
    return exception


def _locked_free_slot(slot_id) -> Slot:
    slot = Slot.objects.select_for_update().filter(pk=slot_id).first()
    if slot is None:
        raise ValidationError({"slot": _("This time does not exist.")})
    if slot.withdrawn or slot.starts_at <= timezone.now():
        raise ValidationError({"slot": _("This time can no longer be booked.")})
    if slot.bookings.filter(status=BookingStatus.BOOKED).exists():
        raise ValidationError({"slot": _("Someone else has just booked this time.")})
    return slot


def _clean_topic(topic: object, description: object) -> tuple[str, str]:
    errors = {}
    if topic not in Topic.values:
        errors["topic"] = [_("Choose a topic.")]
    try:
        description = clean_text("description", description, max_length=2000)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return topic, description


@transaction.atomic
def booking_create(
    *,
    slot_id: int,
    name: str,
    email: str,
    language: str,
    topic: str,
    description: str,
    cvr: str = "",
    user=None,
) -> CounsellingBooking:
    """Book a free slot; the invitation (.ics) goes out by the outbox."""
    errors = {}
    try:
        person = clean_person(name=name, email=email, cvr=cvr, language=language)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        topic, description = _clean_topic(topic, description)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    slot = _locked_free_slot(slot_id)
    try:
        with transaction.atomic():
            booking = CounsellingBooking.objects.create(
                slot=slot,
                user=user if user is not None and user.is_authenticated else None,
                topic=topic,
                description=description,
                **person,
            )
    except IntegrityError as exc:
        raise ValidationError({"slot": _("Someone else has just booked this time.")}) from exc
    _invite(booking)
    return booking


def _invite(booking: CounsellingBooking) -> None:
    kind = NotificationKind.BOOKING
    notify(kind=kind, key=f"{kind}:{booking.pk}:{booking.sequence}", row=booking)


def _locked_booking(booking_id) -> CounsellingBooking:
    booking = CounsellingBooking.objects.select_for_update().filter(pk=booking_id).first()
    if booking is None:
        raise ValidationError(_("This booking does not exist."))
    return booking


@transaction.atomic
def booking_reschedule(*, booking_id: int, slot_id: int) -> CounsellingBooking:
    """Move a booking to another free slot; the invitation goes out again (same UID, next
    SEQUENCE), so the calendar moves the meeting instead of adding one."""
    booking = _locked_booking(booking_id)
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(_("This booking is cancelled."))
    if booking.slot_id == slot_id:
        return booking
    slot = _locked_free_slot(slot_id)
    booking.slot = slot
    booking.sequence += 1
    try:
        with transaction.atomic():
            booking.save(update_fields=["slot", "sequence"])
    except IntegrityError as exc:
        raise ValidationError({"slot": _("Someone else has just booked this time.")}) from exc
    _invite(booking)
    return booking


@transaction.atomic
def booking_cancel(*, booking_id: int) -> CounsellingBooking:
    """Cancel a booking (by the person or the advisor); the slot is free again and the
    calendar entry is cancelled (METHOD:CANCEL). Cancelling again changes nothing."""
    booking = _locked_booking(booking_id)
    if booking.status == BookingStatus.CANCELLED:
        return booking
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.sequence += 1
    booking.save(update_fields=["status", "cancelled_at", "sequence"])
    kind = NotificationKind.BOOKING_CANCELLED
    notify(kind=kind, key=f"{kind}:{booking.pk}", row=booking)
    return booking


@transaction.atomic
def booking_attendance_set(*, booking: CounsellingBooking, attended: bool) -> None:
    booking.attended = bool(attended)
    booking.save(update_fields=["attended"])


@transaction.atomic
def note_save(
    *,
    booking: CounsellingBooking,
    author,
    text: str,
    follow_up: str = "",
    case_reference: str = "",
    attended: bool | None = None,
) -> CounsellingNote:
    """The advisor's private note of a session (and whether the person came); saving
    again replaces it."""
    errors = {}
    cleaned = {}
    for field, value, limit, required in (
        ("text", text, 5000, True),
        ("follow_up", follow_up, 2000, False),
        ("case_reference", case_reference, 30, False),
    ):
        try:
            cleaned[field] = clean_text(field, value, max_length=limit, required=required)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    if attended is not None:
        booking.attended = bool(attended)
        booking.save(update_fields=["attended"])
    note, _created = CounsellingNote.objects.update_or_create(
        booking=booking,
        defaults={**cleaned, "author": author, "updated_at": timezone.now()},
    )
    return note


@transaction.atomic
def booking_referral_link(*, booking_id: int, case_reference: str, author=None) -> None:
    """Keep the case a referral into the one entrance created on the booking's note
    (intake calls this after the case exists; the advisor may also type it in)."""
    reference = clean_text("case_reference", case_reference, max_length=30)
    booking = CounsellingBooking.objects.select_related("slot").filter(pk=booking_id).first()
    if booking is None:
        raise ValidationError(_("This booking does not exist."))
    note = CounsellingNote.objects.filter(booking=booking).first()
    if note is None:
        CounsellingNote.objects.create(
            booking=booking,
            author=author or booking.slot.advisor,
            text="",
            case_reference=reference,
        )
    else:
        note.case_reference = reference
        note.save(update_fields=["case_reference"])
