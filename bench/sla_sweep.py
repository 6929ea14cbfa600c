"""The service-target sweep at volume (issue 14): 100,000 open tasks, 5 % due for a warning.

    .venv/bin/python bench/sla_sweep.py [--tasks 100000] [--due 0.05] [--rounds 5]
        [--database-url postgres://postgres@127.0.0.1:5432/kes_bench_sla] [--results FILE]
        [--floor]

Builds its own bench database (default ``kes_bench_sla``; created and migrated when missing,
refilled when its task count differs), then measures, interleaved round by round:
A) the raw SQL select of the due rows (the same filter, order and columns the sweep reads),
B) ``cases.sla.services.sla_sweep`` in a transaction that is rolled back at the end of the
round (so every round finds the same rows due; the batches are savepoints inside it);
a VACUUM before each round (not timed) clears the dead rows the rollback left.
It prints each round, the medians, the ratio B/A and the sweep's statement count (which is
the same every round and grows with the batches of ``cases.sla.selectors.BATCH`` rows, never
with the open tasks), and appends a line to bench/RESULTS.md (or ``--results``).
``--floor`` also times, in each round, each of the sweep's per-row writes alone as one bare
statement (``bench/sla_floor.py``) and writes a section with their medians and ratios to A.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate.database import check_url, ensure_database  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kes_bench_sla"
CHUNK = 10_000


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kes.settings")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    import django

    django.setup()


def _fill(n_tasks: int, due_share: float) -> None:
    from django.core.management import call_command
    from django.db import connection

    from cases.constants import Channel, Complexity, TaskKind, TaskStatus, Track
    from cases.models import Business, Case, DepartmentTask
    from kes.models import User
    from routing.calendar import local_date
    from routing.models import Department
    from routing.services import membership_set

    if not Department.objects.exists():
        call_command("load_catalogue", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE cases_taskmilestone, cases_departmenttask, cases_caseevent, kes_notice, "
            "kes_notification, cases_followup, cases_case, cases_business CASCADE"
        )
    departments = list(Department.objects.order_by("pk"))
    workers = []
    for i, department in enumerate(departments):
        user, _ = User.objects.get_or_create(
            username=f"bench-cw-{i}", defaults={"email": f"cw{i}@example.invalid"}
        )
        membership_set(user=user, department=department)
        workers.append(user)
    business = Business.objects.create(cvr="12345607", name="Bench ApS", email="b@example.invalid")
    now = datetime.now(UTC)
    today = local_date(now)
    n_cases = max(1, n_tasks // 10)
    Case.objects.bulk_create(
        (
            Case(
                reference=f"KES-BENCH-{i:07d}",
                business=business,
                channel=Channel.DIGITAL,
                track=Track.SELF_SERVICE,
                complexity=Complexity.SIMPLE,
                description="Bench",
                received_at=now - timedelta(days=20),
                submitted_by=workers[0],
                language="da",
            )
            for i in range(n_cases)
        ),
        batch_size=CHUNK,
    )
    case_ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    due_every = round(1 / due_share)
    rows = []
    for i in range(n_tasks):
        due = i % due_every == 0
        department = i % len(departments)
        rows.append(
            DepartmentTask(
                case_id=case_ids[i % n_cases],
                department_id=departments[department].pk,
                kind=TaskKind.TRIAGE,
                status=TaskStatus.IN_REVIEW if i % 3 else TaskStatus.OPEN,
                assignee_id=workers[department].pk,
                received_on=today - timedelta(days=20),
                target_days=30,
                deadline=today + timedelta(days=5 + i % 20),
                warning_on=today - timedelta(days=1) if due else today + timedelta(days=1 + i % 9),
            )
        )
        if len(rows) == CHUNK:
            DepartmentTask.objects.bulk_create(rows)
            rows = []
    DepartmentTask.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


RAW = """
SELECT t.id, t.case_id, c.reference, c.pilot_id, p.email, p.language, t.department_id,
       t.assignee_id, a.email, a.language, t.deadline, t.warning_on, t.received_on
FROM cases_departmenttask t
JOIN cases_case c ON c.id = t.case_id
LEFT JOIN kes_user p ON p.id = c.pilot_id
LEFT JOIN kes_user a ON a.id = t.assignee_id
WHERE t.status IN ('open', 'in_review', 'waiting') AND NOT t.status = 'waiting'
  AND t.warning_on <= %s AND NOT EXISTS (
      SELECT 1 FROM cases_taskmilestone m WHERE m.task_id = t.id AND m.milestone = 'warning')
ORDER BY t.warning_on, t.id
"""


def _raw(today) -> tuple[float, int]:
    from django.db import connection, transaction

    with transaction.atomic():
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(RAW, [today])
            n = len(cursor.fetchall())
        return time.perf_counter() - start, n


def _vacuum() -> None:
    """Clear the dead rows the last round's rollback left (outside the timings): a sweep
    that commits leaves none, and their index entries would slow every later round."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM cases_departmenttask, cases_taskmilestone, kes_notice, kes_notification, "
            "cases_caseevent, cases_followup"
        )


def _sweep() -> tuple[float, int, object]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from cases.sla.services import sla_sweep

    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = sla_sweep()
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed, len(queries), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--due", type=float, default=0.05)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_SLA_URL", DEFAULT_URL))
    parser.add_argument("--results", default=str(Path(__file__).with_name("RESULTS.md")))
    parser.add_argument("--floor", action="store_true", help="also time each write alone")
    args = parser.parse_args()
    check_url(args.database_url)
    created = ensure_database(args.database_url)
    _setup(args.database_url)
    from django.core.management import call_command
    from django.utils import timezone

    from cases.models import DepartmentTask
    from routing.calendar import local_date

    call_command("migrate", verbosity=0)
    if created or DepartmentTask.objects.count() != args.tasks:
        print(f"filling {args.tasks} open tasks, {args.due:.0%} due …", flush=True)
        _fill(args.tasks, args.due)
    today = local_date(timezone.now())
    floor = None
    if args.floor:
        from bench.sla_floor import Floor

        floor = Floor(today)
        floor.create()
    try:
        _measure(args, today, floor)
    finally:
        if floor:
            floor.drop()


def _measure(args, today, floor) -> None:
    _raw(today), _sweep()  # warm up caches and connections
    if floor:
        floor.warm()
    raws, sweeps, counts = [], [], set()
    for n in range(args.rounds):
        _vacuum()
        raw, due = _raw(today)
        sweep, statements, result = _sweep()
        raws.append(raw)
        sweeps.append(sweep)
        counts.add(statements)
        print(
            f"round {n + 1}: raw select {raw * 1000:.1f} ms ({due} rows), sweep "
            f"{sweep * 1000:.1f} ms ({result.warnings} warnings, {result.notices} notices, "
            f"{result.batches} batches, {statements} statements), ratio {sweep / raw:.2f}",
            flush=True,
        )
        if floor:
            floor.round(n, raw)
    raw_median, sweep_median = statistics.median(raws), statistics.median(sweeps)
    ratio = sweep_median / raw_median
    print(
        f"median: raw {raw_median * 1000:.1f} ms, sweep {sweep_median * 1000:.1f} ms, "
        f"ratio {ratio:.2f}; statements per sweep {sorted(counts)}"
    )
    if floor:
        floor.explain()
        floor.report(
            args.results,
            tasks=args.tasks,
            due=args.due,
            rounds=args.rounds,
            raws=raws,
            sweeps=sweeps,
            statements_per_sweep=sorted(counts),
        )
    line = (
        f"| {datetime.now(UTC):%Y-%m-%d} | sla_sweep | {args.tasks} open, {args.due:.0%} due "
        f"({due} rows) | {os.cpu_count()} cores | raw select {raw_median * 1000:.1f} ms | "
        f"sweep {sweep_median * 1000:.1f} ms | ratio {ratio:.2f} | statements "
        f"{'/'.join(map(str, sorted(counts)))} | {args.rounds} rounds, interleaved, medians |\n"
    )
    with open(args.results, "a", encoding="utf-8") as results:
        results.write(line)


if __name__ == "__main__":
    main()
