"""A Redis outage never reaches the user, and nothing is sent twice (issue: the outbox).

The test runs its own redis-server on a free loopback port: the portal's broker and cache.
With it stopped, businesses apply through the API; with it back, a real worker delivers
what the relay hands over: every receipt exactly once.
"""

import shutil
import statistics
import time

import pytest
import redis
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cases.models import Case, Letter
from kes.constants import NotificationState
from kes.models import Notification
from kes.tasks import deliver_notification, relay_notifications
from tests.factories import BusinessMembershipFactory, UserFactory, load_shipped_catalogue
from tests.intake.test_api import APPLICATION, CASES_URL
from tests.workers import (
    celery_broker,
    celery_worker,
    free_port,
    redis_server,
    worker_database_url,
    worker_output,
)

SUBMISSIONS = 50

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]


def redis_cache(url):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


def wait_for(condition, *, seconds, worker, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if worker.poll() is not None:
            pytest.fail(f"worker died: {worker_output(worker)}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {seconds} s")
        time.sleep(0.3)


def test_applications_succeed_while_redis_is_down_and_every_receipt_arrives_once(
    transactional_db, settings, tmp_path
):
    load_shipped_catalogue()
    membership = BusinessMembershipFactory(user=UserFactory(username="t-outage"))
    token = Token.objects.create(user=membership.user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = redis_cache(url)
    mails = tmp_path / "mails"
    mails.mkdir()

    with celery_broker(url):
        with redis_server(port):
            # Up first: the pools hold live connections when Redis goes away.
            assert api.post(CASES_URL, APPLICATION, format="json").status_code == 201
        # Its enqueue reached the broker, and was lost with it: the relay will offer it
        # after the grace time.
        (warm_up,) = Notification.objects.filter(state=NotificationState.PENDING)
        assert warm_up.next_attempt_at > timezone.now()

        # Redis is down: the token login (its throttle uses the cache) and the submissions.
        login = APIClient().post(
            "/api/v1/auth/token/",
            {"username": "t-outage", "password": "wrong"},
            format="json",
        )
        assert login.status_code == 400, login.content
        latencies = []
        for _ in range(SUBMISSIONS):
            started = time.monotonic()
            response = api.post(CASES_URL, APPLICATION, format="json")
            latencies.append(time.monotonic() - started)
            assert response.status_code == 201, response.content
        print(  # the closing note's figures: pytest -s shows them
            f"\nsubmit with Redis down: median {statistics.median(latencies) * 1000:.0f} ms, "
            f"max {max(latencies) * 1000:.0f} ms over {SUBMISSIONS}"
        )
        assert max(latencies) < 1.0
        assert Case.objects.count() == SUBMISSIONS + 1
        pending = Notification.objects.filter(state=NotificationState.PENDING)
        assert pending.count() == SUBMISSIONS + 1
        # Each refused enqueue made its row due at once.
        assert pending.filter(next_attempt_at__gt=timezone.now()).get() == warm_up
        Notification.objects.filter(pk=warm_up.pk).update(next_attempt_at=timezone.now())

        with (
            redis_server(port),
            celery_worker(
                REDIS_URL=url,
                DATABASE_URL=worker_database_url(),
                MEDIA_ROOT=str(settings.MEDIA_ROOT),
                EMAIL_URL=f"filemail:///{mails}",
                CELERY_TASK_ALWAYS_EAGER="false",
            ) as (queue, worker),
        ):
            assert relay_notifications() == SUBMISSIONS + 1
            wait_for(
                lambda: not pending.exists(),
                seconds=180,
                worker=worker,
                what="the worker did not deliver every receipt",
            )
            # Everything again: every delivery twice, and the relay once more.
            for notification_id in Notification.objects.values_list("pk", flat=True):
                deliver_notification.delay(notification_id)
                deliver_notification.delay(notification_id)
            Notification.objects.update(next_attempt_at=timezone.now())
            assert relay_notifications() == 0
            broker = redis.Redis(port=port)
            wait_for(
                # Queue empty and nothing unacknowledged (acks are late): all have run.
                lambda: broker.llen(queue) == 0 and broker.hlen("unacked") == 0,
                seconds=60,
                worker=worker,
                what="the worker did not run the repeated deliveries",
            )

    sent = Notification.objects.filter(state=NotificationState.SENT)
    assert sent.count() == SUBMISSIONS + 1
    assert set(sent.values_list("attempts", flat=True)) == {1}
    receipts = Letter.objects.filter(kind="receipt", sent_at__isnull=False)
    assert receipts.count() == SUBMISSIONS + 1
    messages = [path.read_text(errors="replace") for path in mails.iterdir()]
    assert sum(text.count("Message-ID:") for text in messages) == SUBMISSIONS + 1
    for reference in Case.objects.values_list("reference", flat=True):
        assert sum(reference in text for text in messages) == 1, reference


def test_readiness_reports_the_broker_and_cache_that_are_down(db, client, settings):
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = redis_cache(url)
    with celery_broker(url):
        with redis_server(port):
            ready = client.get("/readyz/")
            assert ready.status_code == 200
            assert ready.json() == {
                "status": "ok",
                "database": "ok",
                "broker": "ok",
                "cache": "ok",
            }
        started = time.monotonic()
        down = client.get("/readyz/")
        assert time.monotonic() - started < 3
        assert down.status_code == 503
        assert down.json() == {
            "status": "degraded",
            "database": "ok",
            "broker": "down",
            "cache": "down",
        }
        assert client.get("/healthz/").status_code == 200  # alive all the same
