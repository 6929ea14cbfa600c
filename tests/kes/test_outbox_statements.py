"""What one outbox row costs (issue 12): a new key one INSERT … ON CONFLICT DO NOTHING, no
look-up before it and no savepoint; a key written before one more SELECT for its row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kes.models import Notification
from kes.services import notification_add
from tests.kes.outbox_helpers import TEST_KIND

pytestmark = pytest.mark.django_db


def _add(key, **extra):
    with CaptureQueriesContext(connection) as queries:
        row = notification_add(kind=TEST_KIND, key=key, language="da", **extra)
    return row, [q["sql"] for q in queries.captured_queries]


def test_a_new_key_is_one_insert(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        row, statements = _add("echo:statements", recipient="a@example.invalid")
    (insert,) = statements
    assert insert.startswith('INSERT INTO "kes_notification"')
    assert "ON CONFLICT DO NOTHING" in insert or "OR IGNORE" in insert
    assert len(callbacks) == 1  # handed to the broker after commit
    stored = Notification.objects.get(pk=row.pk)
    assert (stored.key, stored.recipient, stored.attempts) == (
        "echo:statements",
        "a@example.invalid",
        0,
    )
    assert stored.created_at is not None and stored.next_attempt_at is not None


def test_a_known_key_returns_the_row_written_before_and_enqueues_nothing(
    django_capture_on_commit_callbacks,
):
    first, _statements = _add("echo:twice", payload={"n": 1})
    with django_capture_on_commit_callbacks() as callbacks:
        again, statements = _add("echo:twice", payload={"n": 2})
    assert again.pk == first.pk and again.payload == {"n": 1}
    assert len(statements) == 2 and statements[1].startswith("SELECT")
    assert not any("SAVEPOINT" in sql for sql in statements)
    assert callbacks == []
    assert Notification.objects.filter(key="echo:twice").count() == 1
