"""Seats, the waiting list and its offers, reminders, attendance and evaluations."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisory.constants import NotificationKind, RegistrationStatus
from advisory.models import Registration
from advisory.services import (
    attendance_record,
    evaluation_add,
    offer_accept,
    offers_expire,
    registration_cancel,
    registration_create,
    reminders_send,
)
from kes.models import Notification

from .helpers import session, sign_up

pytestmark = pytest.mark.django_db


def statuses(on):
    return list(on.registrations.order_by("created_at", "pk").values_list("status", flat=True))


def kinds(registration):
    return set(
        Notification.objects.filter(payload__pk=registration.pk, kind__startswith="advisory.")
        .exclude(kind__startswith="advisory.booking")
        .values_list("kind", flat=True)
    )


def test_seats_then_waiting_list():
    on = session(capacity=2)
    people = [sign_up(on, n) for n in range(4)]
    assert statuses(on) == ["confirmed", "confirmed", "waiting", "waiting"]
    assert kinds(people[0]) == {NotificationKind.REGISTERED}
    assert kinds(people[2]) == {NotificationKind.WAITING}


def test_one_place_per_person_and_session():
    on = session(capacity=1)
    sign_up(on, 1, email="Ann@Example.invalid")
    with pytest.raises(ValidationError) as error:
        sign_up(on, 2, email="ann@example.invalid")
    assert "email" in error.value.message_dict
    assert on.registrations.count() == 1


def test_a_cancelled_person_may_sign_up_again():
    on = session(capacity=1)
    first = sign_up(on, 1)
    registration_cancel(registration_id=first.pk)
    again = sign_up(on, 1)
    assert again.status == RegistrationStatus.CONFIRMED


def test_cancel_offers_the_seat_to_the_first_in_line_and_holds_it():
    on = session(capacity=1, offer_hours=48)
    seated, first, second = (sign_up(on, n) for n in range(3))
    before = timezone.now()
    registration_cancel(registration_id=seated.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.OFFERED
    assert second.status == RegistrationStatus.WAITING
    assert (
        before + timedelta(hours=47)
        < first.offer_expires_at
        <= timezone.now() + timedelta(hours=48)
    )
    assert NotificationKind.OFFER in kinds(first)
    # The held seat is not given to a newcomer.
    assert sign_up(on, 9).status == RegistrationStatus.WAITING
    offer_accept(registration_id=first.pk)
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED


def test_two_cancellations_offer_two_seats():
    on = session(capacity=2)
    a, b, c, d, e = (sign_up(on, n) for n in range(5))
    registration_cancel(registration_id=a.pk)
    registration_cancel(registration_id=b.pk)
    assert statuses(on) == ["cancelled", "cancelled", "offered", "offered", "waiting"]


def test_cancelling_twice_changes_nothing():
    on = session(capacity=1)
    seated, _waiting = sign_up(on, 1), sign_up(on, 2)
    registration_cancel(registration_id=seated.pk)
    registration_cancel(registration_id=seated.pk)
    assert statuses(on) == ["cancelled", "offered"]
    assert Notification.objects.filter(kind=NotificationKind.OFFER).count() == 1


def test_an_offer_that_expires_goes_to_the_next(django_assert_max_num_queries):
    on = session(capacity=1, offer_hours=6)
    seated, first, second = (sign_up(on, n) for n in range(3))
    registration_cancel(registration_id=seated.pk)
    assert offers_expire() == 0  # not yet
    later = timezone.now() + timedelta(hours=6, minutes=1)
    with django_assert_max_num_queries(12):
        assert offers_expire(now=later) == 1
    assert statuses(on) == ["cancelled", "expired", "offered"]
    with pytest.raises(ValidationError):
        offer_accept(registration_id=first.pk)
    assert Notification.objects.filter(kind=NotificationKind.OFFER, payload__pk=second.pk).exists()


def test_expiry_sweep_is_constant_in_sessions(django_assert_max_num_queries):
    def expired_offers(n):
        for i in range(n):
            on = session(capacity=1, offer_hours=6)
            seated = sign_up(on, f"{n}-{i}-a")
            sign_up(on, f"{n}-{i}-b")
            sign_up(on, f"{n}-{i}-c")
            registration_cancel(registration_id=seated.pk)

    expired_offers(1)
    later = timezone.now() + timedelta(hours=7)
    with CaptureQueriesContext(connection) as one:
        offers_expire(now=later)
    expired_offers(4)
    with CaptureQueriesContext(connection) as five:
        assert offers_expire(now=later + timedelta(hours=7)) == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_sign_up_refused_for_past_or_cancelled_sessions():
    past = session(days=-1)
    with pytest.raises(ValidationError):
        sign_up(past, 1)
    cancelled = session(cancelled=True)
    with pytest.raises(ValidationError):
        sign_up(cancelled, 1)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Ann\x00"),
        ("name", "Ann\ud800"),
        ("name", ""),
        ("email", "not-an-address"),
        ("cvr", "12345678"),
        ("name", 12),
        ("language", "xx"),
    ],
)
def test_bad_person_stores_nothing(field, value):
    on = session()
    data = {"name": "Ann", "email": "ann@example.invalid", "language": "da", field: value}
    with pytest.raises(ValidationError) as error:
        registration_create(session_id=on.pk, **data)
    assert field in error.value.message_dict
    assert not Registration.objects.exists()


def test_founder_without_cvr_and_business_with_cvr():
    on = session(capacity=3)
    assert sign_up(on, 1).cvr == ""
    assert sign_up(on, 2, cvr="1234 5607").cvr == "12345607"


def test_reminders_the_day_before_once(django_assert_num_queries):
    tomorrow = timezone.localtime() + timedelta(days=1)
    on = session(capacity=3, starts_at=tomorrow)
    later = session(capacity=3, days=5)
    a, b = sign_up(on, 1), sign_up(on, 2)
    registration_cancel(registration_id=b.pk)
    sign_up(later, 3)
    # A savepoint, the registrations, the keys written, one insert, the sessions' mark, the
    # release.
    with django_assert_num_queries(6):
        assert reminders_send() == 1
    assert reminders_send() == 0
    reminders = Notification.objects.filter(kind=NotificationKind.REMINDER)
    assert list(reminders.values_list("payload__pk", flat=True)) == [a.pk]


def test_attendance_and_evaluation():
    on = session(capacity=3, days=-1, advisors=())
    a, b = Registration.objects.bulk_create(
        [
            Registration(
                session=on, name=n, email=f"{n}@example.invalid", language="da", status="confirmed"
            )
            for n in ("a", "b")
        ]
    )
    assert attendance_record(session=on, by=None, attended_ids=[a.pk]) == 1
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.attended, b.attended) == (True, False)
    assert Notification.objects.filter(kind=NotificationKind.EVALUATION).count() == 1
    attendance_record(session=on, by=None, attended_ids=[a.pk])
    assert Notification.objects.filter(kind=NotificationKind.EVALUATION).count() == 1
    evaluation_add(registration=a, rating=5, comment="Godt")
    with pytest.raises(ValidationError):
        evaluation_add(registration=b, rating=4)
    for rating in (0, 6, "5", True, 10**100):
        with pytest.raises(ValidationError):
            evaluation_add(registration=a, rating=rating)


def test_attendance_not_before_the_session():
    with pytest.raises(ValidationError):
        attendance_record(session=session(), by=None, attended_ids=[])
