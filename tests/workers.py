"""A real Celery worker for integration tests: a subprocess on a private Redis queue."""

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
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
    # Everything this process enqueues meanwhile (the outbox's deliveries) goes to it.
    default_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        yield queue, worker
    finally:
        app.conf.task_always_eager = True
        app.conf.task_default_queue = default_queue
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()


@contextmanager
def celery_broker(url: str, *, eager: bool = False):
    """Point this process's Celery at ``url`` (a broker a test started or one that is down)
    with the production transport options of a Redis broker."""
    conf = app.conf
    saved = (conf.broker_url, conf.broker_transport_options, conf.task_always_eager)
    conf.broker_url = url
    conf.broker_transport_options = {"max_retries": 0, "socket_connect_timeout": 1}
    conf.task_always_eager = eager
    # Celery keeps its connection pools across a change of URL; a fork drops them.
    app._after_fork()
    try:
        yield
    finally:
        conf.broker_url, conf.broker_transport_options, conf.task_always_eager = saved
        app._after_fork()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def redis_server(port: int):
    """A private redis-server on a loopback port, without persistence; stopped at the end."""
    server = subprocess.Popen(
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"redis-server did not start on port {port}") from None
                time.sleep(0.05)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)


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


@contextmanager
def mail_worker(tmp_path: Path, settings):
    """A worker on the test database that writes its mails as files; yields (mails, worker)
    with ``mails`` the folder of those files under ``tmp_path``."""
    mails = tmp_path / "mails"
    mails.mkdir()
    with celery_worker(
        DATABASE_URL=worker_database_url(),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        EMAIL_URL=f"filemail:///{mails}",  # an absolute path: filemail:////tmp/...
        CELERY_TASK_ALWAYS_EAGER="false",
    ) as (_queue, worker):
        yield mails, worker


def wait_for_worker(worker, done, what: str, *, seconds: float = 90) -> None:
    """Poll ``done()`` until it is true; fail if the worker dies or ``seconds`` pass
    (``what`` names the awaited work in the failure: "send the receipt")."""
    deadline = time.monotonic() + seconds
    while not done():
        if worker.poll() is not None:
            pytest.fail(f"worker died: {worker_output(worker)}")
        if time.monotonic() > deadline:
            pytest.fail(f"the worker did not {what} within {seconds:g} s")
        time.sleep(0.3)
