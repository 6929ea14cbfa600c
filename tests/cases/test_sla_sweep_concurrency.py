"""Two sweeps at once notify each milestone once (PostgreSQL: SKIP LOCKED and the keys), and
a real worker and beat on Redis deliver a warning end to end."""

import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count

from cases.constants import EventKind, TaskKind, TaskStatus
from cases.models import CaseEvent, DepartmentTask, FollowUp
from cases.sla.services import sla_sweep
from kes.models import Notice, Notification
from routing.calendar import local_date
from tests.cases.helpers import OUTDOOR, submit_case, worker
from tests.factories import BusinessMembershipFactory, UserFactory, load_shipped_catalogue
from tests.roles import _group_user
from tests.workers import free_port, redis_server, worker_database_url

ROOT = Path(__file__).resolve().parents[2]
N = 1000


def _case_with_due_tasks(n: int, *, pilot=None):
    load_shipped_catalogue()
    membership = BusinessMembershipFactory(user=UserFactory(username="t-sla"))
    case = submit_case(membership.business, membership.user, ["outdoor_serving"], OUTDOOR)
    if pilot is not None:
        type(case).objects.filter(pk=case.pk).update(pilot=pilot)
    own = case.tasks.get(kind=TaskKind.DECISION)
    today = local_date(own.created_at)
    caseworker = worker("city_use")
    worker("city_use", name="w-city_use-2")
    DepartmentTask.objects.bulk_create(
        DepartmentTask(
            case=case,
            department_id=own.department_id,
            kind=TaskKind.TRIAGE,
            status=TaskStatus.IN_REVIEW,
            # Half taken, half in the queue (two caseworkers are warned then).
            assignee=caseworker if i % 2 else None,
            received_on=today - timedelta(days=30),
            target_days=20,
            deadline=today - timedelta(days=1),
            warning_on=today - timedelta(days=5),
        )
        for i in range(n)
    )
    # The case's own task is not due: only the N are.
    DepartmentTask.objects.filter(pk=own.pk).update(warning_on=today + timedelta(days=30))
    return case


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite ignores SELECT FOR UPDATE and serialises writers; run on PostgreSQL",
)
def test_two_sweeps_at_once_notify_each_milestone_once(transactional_db):
    pilot = _group_user("t-sla-pilot", "pilot")
    kes = _group_user("t-sla-kes", "kes_staff")
    case = _case_with_due_tasks(N, pilot=pilot)
    barrier = threading.Barrier(2)
    results, failures = [], []

    def sweep():
        try:
            barrier.wait(timeout=30)
            results.append(sla_sweep(batch=100))
        except Exception as exc:  # noqa: BLE001  (reported below)
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == []
    assert sum(result.warnings for result in results) == N
    assert sum(result.breaches for result in results) == N
    for kind in (EventKind.SLA_WARNING, EventKind.SLA_BREACHED):
        per_task = (
            CaseEvent.objects.filter(case=case, kind=kind)
            .values("data__task")
            .annotate(n=Count("id"))
        )
        assert len(per_task) == N
        assert {row["n"] for row in per_task} == {1}
    # Warnings: 500 to the assignee, 500 x 2 to the department's caseworkers.
    assert Notice.objects.filter(kind="cases.sla_warning").count() == N // 2 * 3
    # Breaches: the pilot and KES (no department lead here).
    assert Notice.objects.filter(kind="cases.sla_breach", recipient=kes).count() == N
    assert Notice.objects.filter(kind="cases.sla_breach", recipient=pilot).count() == N
    # One e-mail per recipient and batch lists the new notices: each notice in exactly one.
    mailed = [
        pk
        for payload in Notification.objects.filter(kind="cases.staff_notice").values_list(
            "payload", flat=True
        )
        for pk in payload["notices"]
    ]
    assert sorted(mailed) == sorted(Notice.objects.values_list("pk", flat=True))
    assert Notification.objects.filter(kind="cases.staff_notice").count() < len(mailed) / 10
    assert FollowUp.objects.filter(case=case, key__startswith="sla.warning:").count() == N
    assert not DepartmentTask.objects.filter(kind=TaskKind.TRIAGE, warned_at__isnull=True).exists()


def _process(args, env, log):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "kes", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="no redis-server to start")
def test_a_real_worker_and_beat_on_redis_deliver_a_warning(transactional_db, tmp_path):
    case = _case_with_due_tasks(1)
    due = DepartmentTask.objects.get(kind=TaskKind.TRIAGE)
    DepartmentTask.objects.filter(pk=due.pk).update(assignee=None, deadline=None)
    mails = tmp_path / "mails"
    mails.mkdir()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kes.settings",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "EMAIL_URL": f"filemail:///{mails}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "KES_SLA_SWEEP_MINUTES": "0.05",  # every 3 seconds
    }
    log = (tmp_path / "celery.log").open("wb")
    with redis_server(port):
        worker_process = _process(
            [
                "worker",
                "--pool=solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            env,
            log,
        )
        beat = _process(
            [
                "beat",
                "-S",
                "celery.beat:PersistentScheduler",
                "-s",
                str(tmp_path / "beat-schedule"),
                "--loglevel=WARNING",
            ],
            env,
            log,
        )
        try:
            deadline = time.monotonic() + 120
            while not list(mails.iterdir()):
                for process in (worker_process, beat):
                    if process.poll() is not None:
                        pytest.fail((tmp_path / "celery.log").read_text(errors="replace")[-3000:])
                if time.monotonic() > deadline:
                    pytest.fail("no warning was mailed within 120 s")
                time.sleep(0.5)
        finally:
            for process in (beat, worker_process):
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
    time.sleep(0.5)  # the worker writes the second caseworker's mail, too
    assert Notice.objects.filter(kind="cases.sla_warning").count() == 2
    assert CaseEvent.objects.filter(case=case, kind=EventKind.SLA_WARNING).count() == 1
    content = "".join(path.read_text(errors="replace") for path in mails.iterdir())
    assert case.reference in content
