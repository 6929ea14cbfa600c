"""Many outbox rows in one statement (kes.services.notifications_add_many) and the notices'
renderer registry (kes.notices)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kes.constants import NotificationState
from kes.models import Notice, Notification
from kes.notices import notice_renderer, notice_texts
from kes.services import notices_add, notices_read, notifications_add_many
from tests.factories import UserFactory
from tests.kes import outbox_helpers
from tests.kes.outbox_helpers import TEST_KIND


@pytest.fixture(autouse=True)
def _clean_echo():
    outbox_helpers.delivered.clear()
    yield
    outbox_helpers.failures.clear()


def rows(keys, **extra):
    return [
        {"kind": TEST_KIND, "key": key, "language": "en", "recipient": "a@example.invalid", **extra}
        for key in keys
    ]


def test_many_rows_in_one_statement_each_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as q:
        ids = notifications_add_many(rows=rows([f"bulk:{i}" for i in range(50)], payload={"n": 1}))
    assert len(ids) == 50
    assert len(q) == 1
    if connection.vendor == "postgresql":
        assert "UNNEST" in q.captured_queries[0]["sql"]  # arrays, not 500 placeholders
    assert sorted(outbox_helpers.delivered) == sorted(f"bulk:{i}" for i in range(50))
    row = Notification.objects.get(key="bulk:7")
    assert (row.state, row.language, row.payload, row.attempts) == (
        NotificationState.SENT,
        "en",
        {"n": 1},
        1,
    )
    # Written again (an earlier or a concurrent sweep): only the new key is written.
    with django_capture_on_commit_callbacks(execute=True):
        again = notifications_add_many(rows=rows(["bulk:7", "bulk:new"]))
    assert len(again) == 1
    assert Notification.objects.count() == 51


def test_nothing_is_enqueued_before_commit_or_after_rollback(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications_add_many(rows=rows(["late:1"]))
    assert outbox_helpers.delivered == []
    assert len(callbacks) == 1
    assert notifications_add_many(rows=[]) == []


def test_an_unknown_kind_or_language_is_refused(db):
    with pytest.raises(ValueError):
        notifications_add_many(rows=[{"kind": "nobody.delivers", "key": "x", "language": "da"}])
    with pytest.raises(ValueError):
        notifications_add_many(rows=rows(["bad"], language="xx"))
    assert not Notification.objects.exists()


def test_large_batches_are_split(db):
    ids = notifications_add_many(rows=rows([f"big:{i}" for i in range(2500)]))
    assert len(ids) == 2500


@notice_renderer("tests.echo")
def _echo(notices):
    return [f"echo {notice.payload['n']}" for notice in notices]


def test_notices_render_by_kind_once_per_key(db):
    user = UserFactory(username="t-notices")
    first = notices_add(
        notices=[Notice(recipient=user, kind="tests.echo", key="n:1", payload={"n": 1})]
    )
    again = notices_add(
        notices=[
            Notice(recipient=user, kind="tests.echo", key="n:1", payload={"n": 9}),
            Notice(recipient=user, kind="tests.unknown", key="n:2"),
        ]
    )
    notices = list(Notice.objects.order_by("key"))
    # Each call returns only the notices it wrote: the repeated key is skipped.
    assert first == [(notices[0].pk, user.pk)]
    assert again == [(notices[1].pk, user.pk)]
    assert notice_texts(notices) == ["echo 1", "tests.unknown"]
    with pytest.raises(ValueError):
        notice_renderer("tests.echo")(lambda notices: [])
    assert notices_read(user=user, ids=[notices[0].pk]) == 1
    assert notices_read(user=user) == 1
    assert notices_read(user=UserFactory(username="t-other")) == 0
