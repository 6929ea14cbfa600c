"""Two sweeps at once notify each milestone once (PostgreSQL: the milestone's primary key;
the second sweep waits for the first's rows and skips them), and a real worker and beat on
Redis deliver a warning end to end."""

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

from cases.constants import TaskKind, TaskStatus
from cases.models import DepartmentTask, FollowUp, TaskMilestone
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
    # Each sweep counts only the milestones it recorded: together exactly N of each.
    assert sum(result.warnings for result in results) == N
    assert sum(result.breaches for result in results) == N
    triage = DepartmentTask.objects.filter(kind=TaskKind.TRIAGE)
    for milestone in ("warning", "breach"):
        assert TaskMilestone.objects.filter(task__in=triage, milestone=milestone).count() == N

    def tasks_noticed(kind, recipient):
        counts = Notice.objects.filter(kind=kind, recipient=recipient).values_list(
            "payload__count", flat=True
        )
        return sum(counts)

    queued = triage.filter(assignee__isnull=True).count()
    caseworker, second = worker("city_use"), worker("city_use", name="w-city_use-2")
    # Warnings: the assignee for the taken tasks, both caseworkers for the queued ones; each
    # task counted in one notice of each of its recipients.
    assert tasks_noticed("cases.sla_warning", caseworker) == N
    assert tasks_noticed("cases.sla_warning", second) == queued == N // 2
    # Breaches: the pilot and KES (no department lead here), each task once.
    assert tasks_noticed("cases.sla_breach", kes) == N
    assert tasks_noticed("cases.sla_breach", pilot) == N
    # A notice per recipient and batch, not per task; one e-mail beside each.
    assert Notice.objects.count() < N / 10
    mailed = [
        pk
        for payload in Notification.objects.filter(kind="cases.staff_notice").values_list(
            "payload", flat=True
        )
        for pk in payload["notices"]
    ]
    assert sorted(mailed) == sorted(Notice.objects.values_list("pk", flat=True))
    assert FollowUp.objects.filter(case=case, key__startswith="sla.warning:").count() == N


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
    assert TaskMilestone.objects.filter(task=due, milestone="warning").count() == 1
    content = "".join(path.read_text(errors="replace") for path in mails.iterdir())
    assert case.reference in content
