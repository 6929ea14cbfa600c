"""Benchmark: ``case_submit`` throughput against a bare one-INSERT view on the same server.

Starts gunicorn (2 workers, the machine's cores) with bench.settings on a free local port,
warms the endpoints, then interleaves them: in each round the bare INSERT, the same INSERT
after the submission endpoint's two lookups (its user and business, ``bench/urls.py``) and
``case_submit`` get the same number of POSTs with the same client concurrency (A B C A B C …),
so a noisy spell of the machine hits every side of a round alike. Reports each round's
requests per second and ratios, and the medians of the rounds' ratios: against the bare
INSERT (the figure of earlier runs) and against the INSERT with the same lookups. Uses
DATABASE_URL if set (PostgreSQL in CI), else a throw-away SQLite file. Receipts are only
enqueued (no worker runs), as in a request on the real site.

    .venv/bin/python bench/case_submit.py [--rounds 6] [--requests 100] [--concurrency 4]
"""

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# In each round, in this order: the bare INSERT, the INSERT after the submission endpoint's
# own lookups, the submission.
ENDPOINTS = ("/bench/insert/", "/bench/insert-as-request/", "/bench/submit/")


CREATE_TABLE = """
from django.db import connection
key = "SERIAL" if connection.vendor == "postgresql" else "INTEGER"
with connection.cursor() as c:
    c.execute("DROP TABLE IF EXISTS bench_insert")
    c.execute(f"CREATE TABLE bench_insert (id {key} PRIMARY KEY, note VARCHAR(10))")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post_many(port: int, path: str, count: int, concurrency: int) -> float:
    """Send ``count`` POSTs over ``concurrency`` keep-alive connections; return seconds."""
    per_thread = [
        count // concurrency + (1 if i < count % concurrency else 0) for i in range(concurrency)
    ]
    failures = []

    def worker(n):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(n):
            conn.request("POST", path, body=b"", headers={"Content-Length": "0"})
            response = conn.getresponse()
            response.read()
            if response.status != 201:
                failures.append(response.status)
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in per_thread]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise SystemExit(f"{path}: {len(failures)} failed requests, e.g. HTTP {failures[0]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--requests", type=int, default=100, help="per endpoint and round")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="kes-bench-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "KES_VAR_DIR": str(tmp)}
    env.pop("REDIS_URL", None)  # enqueue on the local filesystem broker; no worker runs
    python = sys.executable
    manage = [python, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_catalogue", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo", "--force", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "shell", "-c", CREATE_TABLE], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "bench.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        # Warm all (connections, the catalogue a worker keeps, PostgreSQL's caches).
        for endpoint in ENDPOINTS:
            post_many(port, endpoint, 100, args.concurrency)
        rounds = []
        for _round in range(args.rounds):
            insert_s, lookups_s, submit_s = (
                post_many(port, endpoint, args.requests, args.concurrency) for endpoint in ENDPOINTS
            )
            rounds.append(
                {
                    "bare_insert_per_s": round(args.requests / insert_s, 1),
                    "insert_with_lookups_per_s": round(args.requests / lookups_s, 1),
                    "case_submit_per_s": round(args.requests / submit_s, 1),
                    "ratio": round(insert_s / submit_s, 3),
                    "ratio_same_lookups": round(lookups_s / submit_s, 3),
                }
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    result = {
        "database": "postgresql" if "postgres" in os.environ.get("DATABASE_URL", "") else "sqlite",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "rounds": args.rounds,
        "requests_per_endpoint_and_round": args.requests,
        "concurrency": args.concurrency,
        "per_round": rounds,
        "median_bare_insert_per_s": statistics.median(r["bare_insert_per_s"] for r in rounds),
        "median_insert_with_lookups_per_s": statistics.median(
            r["insert_with_lookups_per_s"] for r in rounds
        ),
        "median_case_submit_per_s": statistics.median(r["case_submit_per_s"] for r in rounds),
        "median_ratio_case_submit_to_insert": round(
            statistics.median(r["ratio"] for r in rounds), 3
        ),
        "median_ratio_case_submit_to_insert_with_same_lookups": round(
            statistics.median(r["ratio_same_lookups"] for r in rounds), 3
        ),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
