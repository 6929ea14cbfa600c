"""The outbox (kes.outbox, kes.services.notification_add, kes.tasks)."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from kes import outbox
from kes.constants import NotificationState
from kes.models import Notification
from kes.retry import MAX_ATTEMPTS
from kes.services import notification_add
from kes.tasks import deliver_notification, enqueue_delivery, relay_notifications
from tests.kes import outbox_helpers
from tests.kes.outbox_helpers import TEST_KIND
from tests.workers import celery_broker, free_port


@pytest.fixture(autouse=True)
def _clean_echo():
    outbox_helpers.delivered.clear()
    outbox_helpers.failures.clear()
    yield
    outbox_helpers.failures.clear()


def add(key="echo:1", **extra):
    return notification_add(kind=TEST_KIND, key=key, language="da", **extra)


def broker_down():
    """Celery pointed at a closed loopback port: a broker that is down, for real."""
    return celery_broker(f"redis://127.0.0.1:{free_port()}/0")


def test_a_row_is_delivered_after_commit_and_not_before(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        row = add(recipient="a@example.invalid", payload={"case": 1})
        assert outbox_helpers.delivered == []
    assert len(callbacks) == 1
    assert outbox_helpers.delivered == ["echo:1"]
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (NotificationState.SENT, 1, "")
    assert row.sent_at is not None and row.leased_until is None


def test_nothing_is_written_or_sent_when_the_cause_rolls_back(
    db, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        add()
        raise RuntimeError("the cause fails")
    assert callbacks == []
    assert not Notification.objects.exists() and outbox_helpers.delivered == []


def test_the_same_side_effect_is_written_once(db):
    first = add()
    again = add(payload={"other": True})
    assert again.pk == first.pk and Notification.objects.count() == 1


def test_an_unknown_kind_is_refused(db):
    with pytest.raises(ValueError):
        notification_add(kind="nobody.delivers", key="x:1", language="da")


def test_delivering_twice_delivers_once(db):
    row = add()
    assert deliver_notification(row.pk) is True
    assert deliver_notification(row.pk) is False
    deliver_notification.delay(row.pk)
    assert outbox_helpers.delivered == ["echo:1"]


def test_a_leased_row_is_not_delivered_by_a_second_worker(db):
    row = add()
    Notification.objects.filter(pk=row.pk).update(
        leased_until=timezone.now() + timedelta(minutes=5)
    )
    assert deliver_notification(row.pk) is False
    # A worker that died lets go when the lease runs out.
    Notification.objects.filter(pk=row.pk).update(
        leased_until=timezone.now() - timedelta(seconds=1)
    )
    assert deliver_notification(row.pk) is True
    assert outbox_helpers.delivered == ["echo:1"]


def test_a_failed_delivery_is_tried_again_later_and_then_delivered(db):
    row = add()
    outbox_helpers.failures.append(OSError("mail server down"))
    before = timezone.now()
    assert deliver_notification(row.pk) is False
    row.refresh_from_db()
    assert (row.state, row.attempts) == (NotificationState.PENDING, 1)
    assert row.last_error == "OSError: mail server down"
    assert row.leased_until is None
    assert before + timedelta(seconds=30) <= row.next_attempt_at
    assert row.next_attempt_at <= timezone.now() + timedelta(seconds=30)
    assert relay_notifications() == 0  # not due yet
    Notification.objects.update(next_attempt_at=timezone.now())
    assert relay_notifications() == 1
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (NotificationState.SENT, 2, "")


def test_a_row_that_keeps_failing_is_given_up(db):
    row = add()
    Notification.objects.filter(pk=row.pk).update(attempts=MAX_ATTEMPTS - 1)
    outbox_helpers.failures.append(OSError("still down"))
    assert deliver_notification(row.pk) is False
    row.refresh_from_db()
    assert (row.state, row.attempts) == (NotificationState.FAILED, MAX_ATTEMPTS)
    Notification.objects.update(next_attempt_at=timezone.now())
    assert relay_notifications() == 0
    assert deliver_notification(row.pk) is False


def test_the_relay_claims_due_rows_in_constant_queries(db, django_assert_num_queries):
    later = timezone.now() + timedelta(minutes=5)
    add("echo:one")
    with django_assert_num_queries(4):  # savepoint, select, update, release
        assert len(outbox.due(now=later)) == 1
    for n in range(40):
        add(f"echo:{n}")
    with django_assert_num_queries(4):
        assert len(outbox.due(now=later)) == 40
    # Claimed rows wait out the grace time before they are offered again.
    assert outbox.due(now=later) == []


def test_the_relay_skips_sent_failed_and_leased_rows(db):
    now = timezone.now()
    rows = [add(f"echo:{n}") for n in range(4)]
    Notification.objects.update(next_attempt_at=now)
    Notification.objects.filter(pk=rows[0].pk).update(state=NotificationState.SENT)
    Notification.objects.filter(pk=rows[1].pk).update(state=NotificationState.FAILED)
    Notification.objects.filter(pk=rows[2].pk).update(leased_until=now + timedelta(minutes=1))
    assert outbox.due(now=now) == [rows[3].pk]


def test_a_broker_that_is_down_neither_blocks_nor_raises(db):
    row = add()
    with broker_down():
        started = timezone.now()
        assert enqueue_delivery(row.pk) is False
        assert timezone.now() - started < timedelta(seconds=1)
    row.refresh_from_db()
    # The relay offers it as soon as it runs, instead of after the grace time.
    assert row.state == NotificationState.PENDING and row.next_attempt_at <= timezone.now()
    assert outbox_helpers.delivered == []


def test_the_relay_stops_handing_over_while_the_broker_is_down(db):
    for n in range(3):
        add(f"echo:{n}")
    Notification.objects.update(next_attempt_at=timezone.now())
    with broker_down():
        assert relay_notifications() == 0
    assert outbox_helpers.delivered == []
    assert Notification.objects.filter(state=NotificationState.PENDING).count() == 3


def test_an_operator_sends_a_given_up_row_again_from_the_admin(client, administrator_user):
    row = add()
    Notification.objects.filter(pk=row.pk).update(
        state=NotificationState.FAILED, attempts=MAX_ATTEMPTS, last_error="OSError: down"
    )
    client.force_login(administrator_user)
    response = client.post(
        "/admin/kes/notification/",
        {"action": "send_again", "_selected_action": [row.pk]},
        follow=True,
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.state == NotificationState.PENDING and row.next_attempt_at <= timezone.now()
    assert row.attempts == MAX_ATTEMPTS and row.last_error == "OSError: down"  # the record stays
    assert relay_notifications() == 1
    row.refresh_from_db()
    assert row.state == NotificationState.SENT
