"""A real Celery worker for integration tests: a subprocess on a private Redis queue."""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from kes.celery import app

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def celery_worker(**env_overrides):
    """Start a worker that listens only on a fresh queue; yields (queue, process).

    The private queue keeps other workers on the same Redis (``make run``) away from the
    test's tasks. Tasks stop running eagerly until the block ends.
    """
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kes.settings", **env_overrides}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kes",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    app.conf.task_always_eager = False
    try:
        yield queue, worker
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()


def worker_output(worker) -> str:
    return worker.stdout.read().decode(errors="replace")[-3000:]


def worker_database_url() -> str:
    """The URL of the database this test runs on (the test database, not the real one), for
    a worker to use."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
