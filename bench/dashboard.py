"""Dashboard and list benchmark at 1,000,000 decided tasks (issue 15).

    .venv/bin/python -m bench.generate --decided-tasks 1000000 \\
        --database-url postgres://postgres@127.0.0.1:5432/kes_bench_1m
    .venv/bin/python bench/dashboard.py [--database-url …/kes_bench_1m] [--rounds 5] \\
        [--department city_use] [--deep-page 200] [--no-append] [--results FILE] [--plans FILE]

In one process, Django's test ``Client`` (DEBUG off, ``force_login``) against the generated
database, everything in one transaction rolled back at the end. Each measured item pairs a
page (A) with hand-written SQL (B, ``bench.dashboard_sql``) for the same filters and rows;
the rounds interleave them, A B in even rounds and B A in odd ones, after one warm-up round,
so a noisy spell of the shared machine falls on both. Reported per item: the medians of A
and B, A/B, A's statement count (``CaptureQueriesContext``, the benchmark's SAVEPOINTs not
counted) and the time of A's own SQL (the sum of its statements' captured times) over B:
the part of the ratio that is the database's, without the request's fixed Python work.

- The dashboard as the manager ``bench-manager`` (created in the transaction if missing),
  for the dashboard's 12-month default period given explicitly, and the same with one
  department: B = the headline aggregate (decided, within target, median and p90 of gross
  and net; the page's figures are checked against it) over the decision rows, as the page
  reads them, and the same over the tasks joined with their decisions ("headline (join)",
  the way it was read before), and B' = the statements of every
  figure the page shows (summary, requests, groups, trend, channels, backlog). Also
  ``GET /api/v1/stats/sla/`` (summary and backlog) against the headline aggregates. Goal:
  page / headline ≤ 1.5.
- The staff case list page 1 and ``--deep-page`` as KES staff (every case) and as a City Use
  caseworker, the City Use queue and the caseworker's inbox, page 1 and the last page (at
  most ``--deep-page``): B = the SQL of the rows the page shows, written the fast way (the
  page's ids from the list's index with LIMIT/OFFSET, then the 25 rows' joins and counts).
  Goal: ≤ 3.

At the end every B and the slowest statement of every A are run with EXPLAIN ANALYZE
(median of 3 execution times); the plans go to ``--plans`` (default
/tmp/bench-dashboard-plans.txt). The table is printed and appended to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import dashboard_sql as raw  # noqa: E402
from bench.measuring import (  # noqa: E402
    RESULTS,
    append_results,
    child_env,
    explain_ms,
    explain_text,
    git_commit,
    slowest_select,
    statements,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kes_bench_1m"
MANAGER = "bench-manager"
KES_STAFF = "bench-kes-1"
CASEWORKER = "bench-city_use-1"


class Item:
    """One page and the SQL it is measured against (``raws``: name -> statements)."""

    def __init__(self, key, label, user, path, raws, goal):
        self.key, self.label, self.user, self.path = key, label, user, path
        self.raws, self.goal = raws, goal
        self.page_ms: list[float] = []
        self.captured: list[list[dict]] = []
        self.raw_ms: dict[str, list[float]] = {name: [] for name in raws}
        self.response = None


def setup(url: str) -> None:
    os.environ.update(child_env(url))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test Client's response.context; no test database
    settings.DEBUG = False


def manager():
    from django.contrib.auth import get_user_model

    from kes.constants import Role
    from routing.services import user_roles_grant

    user = get_user_model().objects.filter(username=MANAGER).first()
    if user is None:
        user = get_user_model().objects.create(username=MANAGER, password="!")
        user_roles_grant(user=user, roles=[Role.MANAGER])
    return user


def items(department: str, deep_page: int) -> list[Item]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases.constants import OPEN_TASK_STATUSES
    from cases.models import DepartmentTask
    from cases.permissions import department_ids_of
    from cases.stats.bands import age_ranges
    from cases.stats.filters import StatsFilters, default_period
    from cases.stats.selectors import period_bounds
    from routing.calendar import local_date
    from routing.models import Department

    User = get_user_model()
    today = local_date(timezone.now())
    first, last = default_period(today)
    start, end = period_bounds(StatsFilters(date_from=first, date_to=last))
    dept_id = Department.objects.get(code=department).pk
    period = f"from={first.isoformat()}&to={last.isoformat()}"
    ages = age_ranges(today)
    worker = User.objects.get(username=CASEWORKER)
    worker_departments = sorted(department_ids_of(worker))
    open_tasks = DepartmentTask.objects.filter(status__in=OPEN_TASK_STATUSES)
    queue_n = open_tasks.filter(department_id__in=worker_departments, assignee=None).count()
    inbox_n = open_tasks.filter(assignee=worker).count()
    queue_deep = min(deep_page, max(1, -(-queue_n // raw.PAGE)))
    inbox_deep = min(deep_page, max(1, -(-inbox_n // raw.PAGE)))
    dash = "/staff/dashboard/?" + period
    return [
        Item(
            "dashboard",
            f"Dashboard, all departments, {first} – {last}",
            MANAGER,
            dash,
            {
                "headline": [raw.headline(start, end)],
                "headline (join)": [raw.headline_join(start, end)],
                "every figure": raw.every_figure(start, end, today, ages),
            },
            1.5,
        ),
        Item(
            "dashboard_dept",
            f"Dashboard, {department}, {first} – {last}",
            MANAGER,
            f"{dash}&department={department}",
            {
                "headline": [raw.headline(start, end, dept_id)],
                "headline (join)": [raw.headline_join(start, end, dept_id)],
                "every figure": raw.every_figure(start, end, today, ages, dept_id),
            },
            1.5,
        ),
        Item(
            "api_sla",
            "GET /api/v1/stats/sla/, all departments",
            MANAGER,
            "/api/v1/stats/sla/?" + period,
            {
                "headline": [raw.headline(start, end)],
                "headline (join)": [raw.headline_join(start, end)],
            },
            1.5,
        ),
        *(
            Item(
                f"list_{who}_{page}",
                f"Staff case list p. {page} ({label})",
                user,
                f"/staff/cases/?page={page}",
                {"rows": [raw.case_list_rows(page, departments)]},
                3.0,
            )
            for who, label, user, departments in (
                ("kes", "KES staff", KES_STAFF, None),
                ("cw", "caseworker, City Use", CASEWORKER, worker_departments),
            )
            for page in (1, deep_page)
        ),
        *(
            Item(
                f"queue_{page}",
                f"Department queue p. {page} of {queue_deep} (City Use, {queue_n} tasks)",
                CASEWORKER,
                f"/staff/queue/?page={page}",
                {"rows": [raw.queue_rows(page, worker_departments)]},
                3.0,
            )
            for page in sorted({1, queue_deep})
        ),
        *(
            Item(
                f"inbox_{page}",
                f"Inbox p. {page} of {inbox_deep} ({inbox_n} tasks)",
                CASEWORKER,
                f"/staff/inbox/?page={page}",
                {"rows": [raw.inbox_rows(page, worker.pk)]},
                3.0,
            )
            for page in sorted({1, inbox_deep})
        ),
    ]


def run_page(item: Item, client, record: bool) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        response = client.get(item.path)
        ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (item.path, response.status_code)
    item.response = response
    if record:
        item.page_ms.append(ms)
        item.captured.append(statements(ctx.captured_queries))


def run_raw(item: Item, name: str, record: bool):
    from django.db import connection

    rows = []
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for sql, params in item.raws[name]:
            cursor.execute(sql, params)
            rows.append(cursor.fetchall())
        ms = (time.perf_counter() - started) * 1000
    if record:
        item.raw_ms[name].append(ms)
    return rows


def check_headline(item: Item, name: str = "headline") -> str:
    """Whether the page's figures are the headline aggregate's (``name``)."""
    (row,) = run_raw(item, name, record=False)[0]
    context = item.response.context
    if context is None:  # the API
        data = item.response.json()
        shown = (
            data["decided"],
            data["with_target"],
            data["within_target"],
            data["gross"]["median"],
            data["gross"]["p90"],
            data["net"]["median"],
            data["net"]["p90"],
        )
    else:
        s = context["summary"]
        shown = tuple(
            s[k]
            for k in (
                "decided",
                "with_target",
                "within",
                "gross_p50",
                "gross_p90",
                "net_p50",
                "net_p90",
            )
        )
    same = all(
        (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)
        for a, b in zip(shown, row, strict=True)
    )
    return f"{'same' if same else 'DIFFERENT'}: {row[0]} decided, {row[2]} within"


def measure(items_: list[Item], rounds: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    clients = {}
    for item in items_:
        if item.user not in clients:
            clients[item.user] = Client()
            clients[item.user].force_login(User.objects.get(username=item.user))
    for n in range(rounds + 1):  # round 0 warms up
        record = n > 0
        for item in items_:
            sides = [("page", None)] + [("raw", name) for name in item.raws]
            for side, name in sides if n % 2 == 0 else reversed(sides):
                if side == "page":
                    run_page(item, clients[item.user], record)
                else:
                    run_raw(item, name, record)
        if record:
            print(f"round {n}/{rounds}: " + ", ".join(_round_line(i) for i in items_), flush=True)


def _round_line(item: Item) -> str:
    raws = "/".join(f"{ms[-1]:.0f}" for ms in item.raw_ms.values())
    return f"{item.key} {item.page_ms[-1]:.0f}|{raws}"


def explain(items_: list[Item], plans_path: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor, open(plans_path, "w", encoding="utf-8") as plans:
        for item in items_:
            sql, item.slowest_ms = slowest_select(item.captured)
            item.slowest_explain = explain_ms(cursor, sql) if sql else None
            plans.write(f"### {item.label}: the page's slowest statement\n{sql}\n\n")
            if sql:
                plans.write(explain_text(cursor, sql) + "\n\n")
            item.raw_explain = {}
            for name, statements_ in item.raws.items():
                item.raw_explain[name] = sum(explain_ms(cursor, s, p) for s, p in statements_)
                for s, p in statements_:
                    plans.write(f"### {item.label}: {name}\n{s}\n\n")
                    plans.write(explain_text(cursor, s, p) + "\n\n")


def table(items_: list[Item]) -> str:
    head = [
        "measured",
        "page ms",
        "queries",
        "page's SQL ms",
        "slowest statement ms (EXPLAIN)",
        "raw SQL",
        "raw ms",
        "raw EXPLAIN ms",
        "page / raw",
        "page's SQL / raw",
        "goal",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for item in items_:
        page = statistics.median(item.page_ms)
        sql_ms = statistics.median(
            sum(float(q["time"]) for q in run) * 1000 for run in item.captured
        )
        slowest = f"{item.slowest_ms:.1f} ({item.slowest_explain or 0:.1f})"
        for name, ms in item.raw_ms.items():
            r = statistics.median(ms)
            ratio = page / r
            lines.append(
                f"| {item.label} | {page:.1f} | {len(item.captured[-1])} | {sql_ms:.1f} | "
                f"{slowest} | {name} | {r:.1f} | {item.raw_explain[name]:.1f} | "
                f"{ratio:.2f} | {sql_ms / r:.2f} | "
                f"≤ {item.goal:g} {'met' if ratio <= item.goal else 'missed'} |"
            )
    return "\n".join(lines)


def counts() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM cases_case), (SELECT count(*) FROM "
            "cases_departmenttask), (SELECT count(*) FROM cases_decision), "
            "current_setting('server_version')"
        )
        cases, tasks, decisions, version = cursor.fetchone()
    return {"cases": cases, "tasks": tasks, "decisions": decisions, "postgresql": version}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--department", default="city_use")
    parser.add_argument("--deep-page", type=int, default=200)
    parser.add_argument("--only", default="", help="comma-separated item keys (default all)")
    parser.add_argument("--no-append", action="store_true")
    parser.add_argument("--results", default=str(RESULTS))
    parser.add_argument(
        "--plans", default=str(Path(tempfile.gettempdir()) / "bench-dashboard-plans.txt")
    )
    args = parser.parse_args(argv)
    setup(args.database_url)
    from django.db import connection, transaction

    meta = counts()
    print(f"{connection.settings_dict['NAME']}: {meta}", flush=True)
    with transaction.atomic():
        manager()
        selected = items(args.department, args.deep_page)
        only = [k for k in args.only.split(",") if k]
        selected = [i for i in selected if not only or i.key in only]
        measure(selected, args.rounds)
        checks = [
            f"{i.label}, {name}: {check_headline(i, name)}"
            for i in selected
            for name in ("headline", "headline (join)")
            if name in i.raws
        ]
        explain(selected, args.plans)
        transaction.set_rollback(True)
    text = "\n".join(
        [
            f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: dashboard and lists at "
            f"{meta['decisions']:,} decided tasks (bench/dashboard.py)",
            "",
            f"- commit: {git_commit()}",
            f"- machine: {os.cpu_count()} cores (`os.cpu_count()`), PostgreSQL "
            f"{meta['postgresql']}, Python {sys.version.split()[0]}",
            f"- `{connection.settings_dict['NAME']}`: {meta['cases']:,} cases, "
            f"{meta['tasks']:,} tasks, {meta['decisions']:,} decisions",
            f"- method: {args.rounds} rounds after a warm-up, page and raw SQL interleaved "
            "(A B, B A, …), medians; page = Django test Client (DEBUG off); raw = the "
            "statements of `bench/dashboard_sql.py` on a cursor, fetched",
            *(f"- figures checked: {c}" for c in checks),
            "",
            table(selected),
            "",
        ]
    )
    print()
    print(text)
    print(f"plans: {args.plans}")
    if not args.no_append:
        print(f"appended to {append_results(args.results, text)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
