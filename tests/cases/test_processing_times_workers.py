"""The refresh of the public processing times run for real: two at once on PostgreSQL, and
the beat task through a real Celery worker on Redis."""

import os
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from cases.models import ProcessingTimeFigure
from cases.services.processing_times import processing_times_refresh
from cases.tasks import processing_times_refresh as refresh_task
from intake.models import Service
from tests.cases.processing_time_helpers import at, decided
from tests.factories import load_shipped_catalogue
from tests.workers import celery_worker, wait_for_worker, worker_database_url


def _history():
    load_shipped_catalogue()
    day = timezone.localdate() - timedelta(days=10)
    for net in (4, 6, 9, 12, 30):
        decided("outdoor_serving", net=net, decided_at=at(day))


def _figure():
    row = ProcessingTimeFigure.objects.get(service__code="outdoor_serving")
    return row.decided_count, row.within_count, row.median_net


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite serialises writers; run on PostgreSQL"
)
def test_two_refreshes_at_once_leave_one_row_per_service(transactional_db):
    _history()
    barrier = threading.Barrier(2)
    failures = []

    def refresh():
        try:
            barrier.wait(timeout=30)
            processing_times_refresh()
        except Exception as exc:  # noqa: BLE001  (reported below)
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=refresh) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert ProcessingTimeFigure.objects.count() == Service.objects.count()
    assert _figure() == (5, 4, 9)


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: no Redis to use")
def test_a_real_worker_refreshes_the_figures(transactional_db):
    _history()
    with celery_worker(DATABASE_URL=worker_database_url(), CELERY_TASK_ALWAYS_EAGER="false") as (
        queue,
        worker,
    ):
        refresh_task.apply_async(queue=queue)
        wait_for_worker(
            worker,
            lambda: ProcessingTimeFigure.objects.filter(service__code="outdoor_serving").exists(),
            "refresh the processing times",
        )
    assert _figure() == (5, 4, 9)
