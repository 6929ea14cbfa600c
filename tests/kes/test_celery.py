import os
import time

import pytest

from kes.celery import app
from kes.tasks import health
from tests.workers import celery_worker, worker_output


def test_health_task_runs_eagerly_against_the_database(db):
    result = health.delay().get(timeout=5)
    assert result["ok"] is True


def test_celery_reads_django_settings(settings):
    assert app.conf.timezone == "Europe/Copenhagen"
    assert app.conf.task_serializer == "json"
    assert "kes.health" in app.tasks


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: no Redis to use")
def test_health_task_through_a_real_worker_and_redis(transactional_db):
    """A separate worker process takes the task from Redis and answers through Redis."""
    with celery_worker() as (queue, worker):
        deadline = time.monotonic() + 60
        result = health.apply_async(queue=queue)
        while not result.ready():
            if worker.poll() is not None:
                pytest.fail(f"worker died: {worker_output(worker)}")
            if time.monotonic() > deadline:
                pytest.fail("no answer from the worker within 60 s")
            time.sleep(0.2)
        value = result.get(timeout=1)
    assert value["ok"] is True
    assert value["database"] in {"postgresql", "sqlite"}
