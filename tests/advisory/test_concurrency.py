"""At the same moment on PostgreSQL: two people book one slot, two seats are cancelled,
two people take the last seat. Threads with their own connections meet at a barrier."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from advisory.constants import BookingStatus, RegistrationStatus
from advisory.models import CounsellingBooking, Registration
from advisory.services import booking_create, registration_cancel, registration_create

from .helpers import session, sign_up, slot

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite ignores SELECT FOR UPDATE and serialises writers; run on PostgreSQL",
)


def at_once(*calls):
    barrier = threading.Barrier(len(calls))
    results, failures = [], []

    def run(call):
        try:
            barrier.wait(timeout=30)
            results.append(call())
        except ValidationError as exc:
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, failures


def test_two_users_book_one_slot_at_once_exactly_one_succeeds(transactional_db):
    free = slot()

    def book(n):
        return lambda: booking_create(
            slot_id=free.pk,
            name=f"Person {n}",
            email=f"p{n}@example.invalid",
            language="da",
            topic="starting",
            description="Cafe",
        )

    results, failures = at_once(book(1), book(2))
    assert len(results) == 1 and len(failures) == 1
    assert "slot" in failures[0].message_dict
    assert CounsellingBooking.objects.filter(slot=free, status=BookingStatus.BOOKED).count() == 1


def test_two_cancellations_at_once_offer_two_different_people(transactional_db):
    on = session(capacity=2)
    a, b = sign_up(on, 1), sign_up(on, 2)
    waiting = [sign_up(on, n) for n in range(3, 6)]
    results, failures = at_once(
        lambda: registration_cancel(registration_id=a.pk),
        lambda: registration_cancel(registration_id=b.pk),
    )
    assert failures == [] and len(results) == 2
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert [statuses[w.pk] for w in waiting] == [
        RegistrationStatus.OFFERED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.WAITING,
    ]


def test_two_sign_ups_for_the_last_seat(transactional_db):
    on = session(capacity=1)

    def join(n):
        return lambda: registration_create(
            session_id=on.pk, name=f"P{n}", email=f"p{n}@example.invalid", language="da"
        )

    results, failures = at_once(join(1), join(2))
    assert failures == []
    assert sorted(r.status for r in results) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
