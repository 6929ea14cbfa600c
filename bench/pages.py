"""Page benchmark (issue 12): the main pages at two volumes, in one run.

    .venv/bin/python bench/pages.py --sizes 20000,200000 [--reuse] [--runs 10] [--no-append]

For each size the database ``kes_bench_20k`` / ``kes_bench_200k`` (``kes_bench_<n>`` for sizes
that are not whole thousands) on ``--server`` (default ``postgres://postgres@127.0.0.1:5432``)
is generated with ``python -m bench.generate --force`` (wiping what it held). With ``--reuse`` a
database that already holds exactly the expected number of cases is kept and only migrated
(``manage.py migrate``: migrations added since it was generated are applied); any other
database is generated as without ``--reuse``.

Each database is then measured in a child process (``--serve``) with ``DATABASE_URL`` set,
``DEBUG`` off and ``testserver`` allowed; the children run side by side and the parent sends
each request of a page to one and then the other (A B, B A, …), so that the shared machine's
noisy spells fall on both sizes alike. Per page, with Django's test ``Client`` logged in
(``force_login``) as a fixed user of the role:

- time: the median wall time of ``--runs`` requests (default 10) after 2 warm-ups;
- queries: the number of SQL statements of one request (``CaptureQueriesContext``; the
  SAVEPOINT statements of the benchmark's own transaction are not counted);
- row query: the page's main SELECT, chosen by one rule: of the SELECT statements of a request
  (same position in every request), the one with the largest median time over the measured
  requests. It is re-run with ``EXPLAIN (ANALYZE, FORMAT JSON)`` three times; its median
  "Execution Time" is reported, with page time / row-query time.

All requests of a database run in one transaction that is rolled back at the end, so the
case_viewed events a staff case page writes and the login sessions do not change the bench
database between runs.

The table (with 200k/20k ratios when both sizes are measured) is printed and appended to
``bench/RESULTS.md`` with the date, ``os.cpu_count()``, the PostgreSQL version and the git
commit measured.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import BIG_MARK, DEMO_CVR, MEDIUM_MARK  # noqa: E402
from bench.measuring import (  # noqa: E402
    BENCH,
    RESULTS,
    SERVER,
    append_results,
    child_env,
    db_url,
    explain_ms,
    git_commit,
    slowest_select,
    statements,
)

# name, description, user, url (``{medium}``/``{big}`` are the marked cases' references)
PAGES = [
    ("staff_list_kes", "Staff case list p. 1 (KES staff)", "bench-kes-1", "/staff/cases/"),
    (
        "staff_list_cw",
        "Staff case list p. 1 (caseworker, City Use)",
        "bench-city_use-1",
        "/staff/cases/",
    ),
    ("queue", "Department queue (caseworker, City Use)", "bench-city_use-1", "/staff/queue/"),
    ("inbox", "Inbox (caseworker, City Use)", "bench-city_use-1", "/staff/inbox/"),
    ("my_cases", "Mine sager p. 1 (Demo Café)", "bench-cafe", "/my/cases/"),
    ("my_cases_deep", "Mine sager p. 200 (Demo Café)", "bench-cafe", "/my/cases/?page=200"),
    ("case_20", "Staff case page, ~20 events", "bench-kes-1", "/staff/cases/{medium}/"),
    ("case_2000", "Staff case page, ~2,000 events", "bench-kes-1", "/staff/cases/{big}/"),
    ("api_tasks", "GET /api/v1/tasks/ (caseworker)", "bench-city_use-1", "/api/v1/tasks/"),
    ("api_case", "GET /api/v1/cases/<ref>/ (~20 events)", "bench-kes-1", "/api/v1/cases/{medium}/"),
    # The floor under every HTML page (bench/floor_urls.py): no page of its own.
    (
        "floor_signed_in",
        "Floor: signed-in empty response",
        "bench-city_use-1",
        "/bench/floor/signed-in/",
    ),
    ("floor_layout", "Floor: the layout alone", "bench-city_use-1", "/bench/floor/layout/"),
]


def db_name(size: int) -> str:
    return f"kes_bench_{size // 1000}k" if size % 1000 == 0 else f"kes_bench_{size}"


def existing_cases(url: str) -> int | None:
    """Cases in the database; None when it does not exist or has no schema yet."""
    import psycopg

    try:
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT count(*) FROM cases_case").fetchone()[0]
    except (psycopg.OperationalError, psycopg.errors.UndefinedTable):
        return None


def prepare(size: int, server: str, reuse: bool, seed: int) -> dict:
    url = db_url(server, db_name(size))
    count = existing_cases(url)
    if reuse and count == size:
        print(f"[{db_name(size)}] reusing {count} cases; migrate", flush=True)
        subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), "migrate", "-v0"],
            cwd=ROOT,
            env=child_env(url),
            check=True,
        )
        return {"url": url, "generated": False, "generation_s": None}
    print(f"[{db_name(size)}] generating {size} cases", flush=True)
    started = time.monotonic()
    subprocess.run(
        [
            PYTHON,
            "-m",
            "bench.generate",
            "--cases",
            str(size),
            "--seed",
            str(seed),
            "--database-url",
            url,
            "--force",
        ],
        cwd=ROOT,
        env=child_env(url),
        check=True,
    )
    return {"url": url, "generated": True, "generation_s": time.monotonic() - started}


# --------------------------------------------------------------------------------------
# The child: measure one database


PROTOCOL = "@@ "  # the child's answers on stdout start with it (Django may print too)


def _answer(payload) -> None:
    print(PROTOCOL + json.dumps(payload), flush=True)


def serve(only: list[str] | None) -> None:
    """The child: set up one database's pages, then answer the parent's commands, one JSON
    line each: ``{"op": "request", "key": k}`` runs one request of page ``k`` and answers its
    wall time; ``{"op": "summary", "key": k}`` answers the page's figures over the requests
    run so far (the first ``warmups`` of them not counted); ``{"op": "quit"}`` ends."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from cases.models import Case, CaseEvent, DepartmentTask

    setup_test_environment()  # the test Client's response.context hooks; no test database
    settings.DEBUG = False
    settings.ROOT_URLCONF = "bench.floor_urls"  # the site's URLs plus the two floor pages
    User = get_user_model()
    meta = {}
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        meta["postgresql"] = cur.fetchone()[0]
    medium = Case.objects.get(description=MEDIUM_MARK)
    big = Case.objects.get(description=BIG_MARK)
    refs = {"medium": medium.reference, "big": big.reference}
    meta.update(
        cases=Case.objects.count(),
        tasks=DepartmentTask.objects.count(),
        events=CaseEvent.objects.count(),
        medium_events=medium.events.count(),
        big_events=big.events.count(),
        demo_cases=Case.objects.filter(business__cvr=DEMO_CVR).count(),
        database=connection.settings_dict["NAME"],
    )
    pages = {key: (label, username, url.format(**refs)) for key, label, username, url in PAGES}
    clients, wall, captured, last = {}, {}, {}, {}
    with transaction.atomic():
        _answer({"meta": meta})
        for line in sys.stdin:
            command = json.loads(line)
            if command["op"] == "quit":
                break
            key = command["key"]
            label, username, path = pages[key]
            if command["op"] == "request":
                if key not in clients:
                    clients[key] = Client()
                    clients[key].force_login(User.objects.get(username=username))
                    wall[key], captured[key] = [], []
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = clients[key].get(path)
                    ms = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, (key, path, response.status_code)
                wall[key].append(ms)
                captured[key].append(statements(ctx.captured_queries))
                last[key] = response
                _answer({"ms": ms})
            elif command["op"] == "summary":
                skip = command.get("warmups", 0)
                _answer(
                    _summary(
                        connection,
                        key,
                        label,
                        path,
                        username,
                        last[key],
                        wall[key][skip:],
                        captured[key][skip:],
                    )
                )
        transaction.set_rollback(True)


def _summary(connection, key, label, path, username, response, wall, captured) -> dict:
    n_queries = len(captured[-1])
    best, _best_ms = slowest_select(captured)
    with connection.cursor() as cur:
        explain = explain_ms(cur, best) if best else None
    return {
        "label": label,
        "path": path,
        "user": username,
        "status": response.status_code,
        "bytes": len(response.content),
        "median_ms": round(statistics.median(wall), 1),
        "queries": n_queries,
        "row_query_ms": round(explain, 2) if explain is not None else None,
        "row_query": best[:2000] if best else None,
    }


class Child:
    """One database's measuring process, driven line by line over its stdin and stdout."""

    def __init__(self, url: str, only: list[str] | None):
        cmd = [PYTHON, str(BENCH / "pages.py"), "--serve"]
        if only:
            cmd += ["--pages", ",".join(only)]
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=child_env(url),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.meta = self._read()["meta"]

    def _read(self) -> dict:
        for line in self.proc.stdout:
            if line.startswith(PROTOCOL):
                return json.loads(line[len(PROTOCOL) :])
        raise RuntimeError(f"the measuring process ended (exit {self.proc.wait()})")

    def ask(self, **command) -> dict:
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def measure_interleaved(
    urls: dict[int, str], runs: int, warmups: int, only: list[str] | None
) -> dict[int, dict]:
    """Every page at every size, its requests interleaved across the sizes: round ``i``
    sends one request to each database, in turn A B, then B A, so that a noisy spell of
    the shared machine falls on both sizes alike."""
    children = {size: Child(url, only) for size, url in urls.items()}
    results = {size: {"meta": child.meta, "pages": {}} for size, child in children.items()}
    try:
        sizes = list(children)
        for key, *_rest in PAGES:
            if only and key not in only:
                continue
            for i in range(warmups + runs):
                for size in sizes if i % 2 == 0 else reversed(sizes):
                    children[size].ask(op="request", key=key)
            for size in sizes:
                page = children[size].ask(op="summary", key=key, warmups=warmups)
                results[size]["pages"][key] = page
                print(
                    f"  {size:>7} {key:15} {page['median_ms']:8.1f} ms {page['queries']:4} "
                    f"queries  row query {page['row_query_ms'] or 0:8.2f} ms",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        for child in children.values():
            child.close()
    return results


# --------------------------------------------------------------------------------------
# The table


def table(results: dict, sizes: list[int]) -> str:
    def label(size):
        return f"{size // 1000}k" if size % 1000 == 0 else str(size)

    head = ["page"]
    for s in sizes:
        head += [
            f"{label(s)} ms",
            f"{label(s)} queries",
            f"{label(s)} row query ms",
            f"{label(s)} page/row",
        ]
    if len(sizes) == 2:
        head += [
            f"{label(sizes[1])}/{label(sizes[0])} page",
            f"{label(sizes[1])}/{label(sizes[0])} row query",
        ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    keys = [k for k, *_ in PAGES if all(k in results[s]["pages"] for s in sizes)]
    for key in keys:
        row = [results[sizes[0]]["pages"][key]["label"]]
        for s in sizes:
            p = results[s]["pages"][key]
            rq = p["row_query_ms"]
            row += [
                f"{p['median_ms']:.1f}",
                str(p["queries"]),
                f"{rq:.2f}" if rq is not None else "–",
                f"{p['median_ms'] / rq:.1f}" if rq else "–",
            ]
        if len(sizes) == 2:
            a, b = (results[s]["pages"][key] for s in sizes)
            row.append(f"{b['median_ms'] / a['median_ms']:.2f}")
            row.append(
                f"{b['row_query_ms'] / a['row_query_ms']:.2f}"
                if a["row_query_ms"] and b["row_query_ms"]
                else "–"
            )
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def report(results: dict, sizes: list[int], prepared: dict, runs: int) -> str:
    meta0 = results[sizes[0]]["meta"]
    out = [
        f"## {date.today().isoformat()}: pages at {', '.join(str(s) for s in sizes)} cases",
        "",
        f"- commit: {git_commit()}",
        f"- machine: {os.cpu_count()} cores (`os.cpu_count()`), PostgreSQL "
        f"{meta0['postgresql']}, Python {sys.version.split()[0]}",
        f"- method: median of {runs} requests after 2 warm-ups (Django test Client, "
        "DEBUG off), the sizes interleaved request by request (A B, B A, …); queries per "
        "request; row query = the slowest SELECT of the page, EXPLAIN ANALYZE execution "
        "time (median of 3)",
    ]
    for s in sizes:
        m = results[s]["meta"]
        gen = prepared[s]["generation_s"]
        out.append(
            f"- `{m['database']}`: {m['cases']} cases, {m['tasks']} tasks, {m['events']} "
            f"events; Demo Café {m['demo_cases']} cases; marked cases {m['medium_events']} "
            f"and {m['big_events']} events; "
            + (f"generated in this run in {gen:.0f} s" if gen is not None else "reused")
        )
    out += ["", table(results, sizes), ""]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20000,200000")
    parser.add_argument(
        "--reuse", action="store_true", help="keep a database that has the expected number of cases"
    )
    parser.add_argument("--server", default=SERVER, help="PostgreSQL server URL (no database)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmups", type=int, default=2)
    parser.add_argument("--pages", default="", help="comma-separated page keys (default all)")
    parser.add_argument("--no-append", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--results", default=str(RESULTS), help="file to append the table to")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    only = [p for p in args.pages.split(",") if p] or None

    if args.serve:  # child: DATABASE_URL is set by the parent
        serve(only)
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s]
    prepared = {}
    for size in sizes:
        prepared[size] = prepare(size, args.server, args.reuse, args.seed)
    print(f"measuring {', '.join(db_name(size) for size in sizes)} interleaved", flush=True)
    results = measure_interleaved(
        {size: prepared[size]["url"] for size in sizes}, args.runs, args.warmups, only
    )
    text = report(results, sizes, prepared, args.runs)
    print()
    print(text)
    if not args.no_append:
        print(f"appended to {append_results(args.results, text)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
