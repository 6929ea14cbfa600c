"""What the page benchmarks share: database URLs and the child's environment, the statements
of a request, EXPLAIN ANALYZE, the commit measured and the results file.

``bench/pages.py`` and ``bench/dashboard.py`` import these; nothing here imports Django at
module level, so the parents can use it before (or without) ``django.setup()``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path
from urllib.parse import urlparse

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "RESULTS.md"
SERVER = "postgres://postgres@127.0.0.1:5432"
# The parts of the tree whose uncommitted changes make a measurement "not of the commit".
APP_PATHS = ("cases", "intake", "kes", "routing", "templates")


def db_url(server: str, name: str) -> str:
    return urlparse(server)._replace(path=f"/{name}").geturl()


def child_env(url: str) -> dict:
    """The environment of a process that measures the database at ``url``."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DEBUG="False",
        DJANGO_SETTINGS_MODULE="kes.settings",
        ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        CONN_MAX_AGE="0",
    )
    return env


def is_savepoint(sql: str) -> bool:
    head = sql.lstrip()[:30].upper()
    return head.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))


def statements(captured_queries) -> list[dict]:
    """A request's statements (``CaptureQueriesContext.captured_queries``) without the
    SAVEPOINTs of the benchmark's own transaction."""
    return [q for q in captured_queries if not is_savepoint(q["sql"])]


def explain_ms(cursor, sql: str, params=None, runs: int = 3) -> float:
    """The median "Execution Time" of ``EXPLAIN (ANALYZE, FORMAT JSON)`` over ``runs``."""
    times = []
    for _ in range(runs):
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        times.append(plan[0]["Execution Time"])
    return statistics.median(times)


def explain_text(cursor, sql: str, params=None) -> str:
    """The plan of ``EXPLAIN (ANALYZE, BUFFERS)`` as PostgreSQL prints it."""
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
    return "\n".join(row[0] for row in cursor.fetchall())


def slowest_select(runs: list[list[dict]]) -> tuple[str | None, float]:
    """The row query of a page by one rule: of the SELECTs of a request (same position in
    every request of ``runs``), the one with the largest median captured time; with that
    median in ms."""
    best, best_time = None, -1.0
    for pos, q in enumerate(runs[-1]):
        if not q["sql"].lstrip().upper().startswith("SELECT"):
            continue
        times = [float(run[pos]["time"]) for run in runs if len(run) > pos]
        t = statistics.median(times)
        if t > best_time:
            best, best_time = q["sql"], t
    return best, best_time * 1000


def git_commit() -> str:
    """The commit measured, marked when the application's code has uncommitted changes."""

    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    subject = git("log", "-1", "--format=%s")
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", *APP_PATHS)
    return f"{commit}{' + uncommitted changes in the tree' if dirty else ''} ({subject[:70]})"


def append_results(path: str | Path, text: str) -> Path:
    results_file = Path(path)
    with results_file.open("a", encoding="utf-8") as f:
        if results_file.stat().st_size == 0:
            f.write("# Page benchmark results (bench/pages.py)\n\n")
        f.write(text + "\n")
    return results_file
