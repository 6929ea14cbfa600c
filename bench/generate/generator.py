"""The run: reference data, users and businesses, then the cases in chunks of ``COPY``."""

from __future__ import annotations

import math
import random
import time
from datetime import UTC, timedelta

from .case_rows import CaseRows
from .constants import CHUNK, COPENHAGEN, IMMEDIATE_WEIGHTS, SERVICE_WEIGHTS, TRACK_SHARES
from .database import TABLE_COLUMNS, Ids, column_defaults
from .helpers import cumulative, weighted
from .people import People


class Generator(People, CaseRows):
    def __init__(self, *, cases: int, seed: int, demo_cases: int | None, verbose: bool = True):
        from django.conf import settings
        from django.db import connection
        from django.utils import timezone

        self.n_cases = cases
        self.rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
        # The clock fields' own draws, so the rows drawn from ``rng`` stay as they were.
        self.clock_rng = random.Random(f"{seed}-clock")  # noqa: S311
        self.now = timezone.now()
        self.verbose = verbose
        self.connection = connection
        self.closing_days = tuple(settings.KES_CLOSING_DAYS)
        self.warning_share = settings.KES_SLA_WARNING_SHARE
        if demo_cases is None:
            demo_cases = 5000 if cases >= 20_000 else cases // 4
        self.n_demo = min(demo_cases, cases)
        self.counts: dict[str, int] = {}
        self._deadlines: dict = {}
        self._warnings: dict = {}

    def log(self, message: str) -> None:
        if self.verbose:
            print(message, flush=True)

    # ---- reference data -------------------------------------------------------------

    def load_reference(self):
        from django.contrib.contenttypes.models import ContentType  # noqa: F401

        from intake.models import Service
        from routing.models import Department

        self.departments = {d.code: d.pk for d in Department.objects.all()}
        self.kes_id = self.departments["kes"]
        self.services = {}
        for s in Service.objects.prefetch_related("departments"):
            self.services[s.code] = {
                "id": s.pk,
                "departments": [d.pk for d in s.departments.all()],
                "department_codes": [d.code for d in s.departments.all()],
                "complexity": s.complexity,
                "immediate": s.immediate,
                "target_days": s.target_days,
                "target_unit": s.target_unit,
                "name": s.name_da if hasattr(s, "name_da") else s.name,
            }
        self.dept_code = {pk: code for code, pk in self.departments.items()}
        simple = [
            c
            for c in SERVICE_WEIGHTS
            if c in self.services and self.services[c]["complexity"] == "simple"
        ]
        complex_ = [
            c
            for c in SERVICE_WEIGHTS
            if c in self.services and self.services[c]["complexity"] == "complex"
        ]
        joint = [
            c
            for c in SERVICE_WEIGHTS
            if c in self.services and self.services[c]["complexity"] == "joint"
        ]
        immediate = [c for c in IMMEDIATE_WEIGHTS if c in self.services]
        self.pools = {}
        for name, codes, table in (
            ("simple", simple, SERVICE_WEIGHTS),
            ("complex", complex_, SERVICE_WEIGHTS),
            ("joint", joint, SERVICE_WEIGHTS),
            ("immediate", immediate, IMMEDIATE_WEIGHTS),
        ):
            self.pools[name] = (codes, cumulative([table[c] for c in codes]))
        self.tracks = [t for t, _, _ in TRACK_SHARES]
        self.track_cum = cumulative([s for _, s, _ in TRACK_SHARES])
        self.channels = {
            t: ([c for c, _ in ch], cumulative([w for _, w in ch])) for t, _, ch in TRACK_SHARES
        }

    def pick_service(self, pool: str, taken: set[str]) -> str:
        codes, cum = self.pools[pool]
        for _ in range(20):
            code = weighted(self.rng, codes, cum)
            if code not in taken:
                return code
        for code in codes:
            if code not in taken:
                return code
        raise RuntimeError("catalogue too small")

    def deadline(self, received_on, days, unit):
        if not days:
            return None
        key = (received_on, days, unit)
        value = self._deadlines.get(key)
        if value is None:
            from routing.calendar import deadline

            value = deadline(received_on, days, unit, closing_days=self.closing_days)
            self._deadlines[key] = value
        return value

    def warning_on(self, received_on, days, unit, paused_units):
        if not days:
            return None
        key = (received_on, days, unit, paused_units)
        value = self._warnings.get(key)
        if value is None:
            from routing.sla import warning_date

            value = warning_date(
                received_on,
                days,
                unit,
                paused_units,
                share=self.warning_share,
                closing_days=self.closing_days,
            )
            self._warnings[key] = value
        return value

    # ---- COPY ---------------------------------------------------------------------------

    def copy(self, cur, table, columns, rows):
        if not rows:
            return
        # Columns added to the models since these rows were written get their defaults.
        extra = column_defaults(table, tuple(columns))
        columns = [*columns, *extra]
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row, *extra.values()) if extra else row)
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    # ---- cases ----------------------------------------------------------------------

    def received_times(self):
        """Sorted received datetimes over three years, 50 % more per day at the end."""
        rng = self.rng
        span = 3 * 365 * 86400.0
        start = self.now - timedelta(days=3 * 365)
        out = []
        for _ in range(self.n_cases):
            # density 1 + 0.5 x on [0,1]: inverse CDF of (x + x^2/4) / 1.25
            u = rng.random() * 1.25
            x = -2 + math.sqrt(4 + 4 * u)
            t = start + timedelta(seconds=x * span)
            local = t.astimezone(COPENHAGEN)
            hour = min(22, max(7, int(rng.gauss(12.5, 3))))
            local = local.replace(hour=hour, minute=rng.randint(0, 59), second=rng.randint(0, 59))
            t = local.astimezone(UTC)
            if t > self.now - timedelta(minutes=30):
                t = self.now - timedelta(minutes=rng.randint(30, 600))
            out.append(t)
        out.sort()
        return out

    def run(self):
        from django.db import transaction

        started = time.monotonic()
        self.load_reference()
        with transaction.atomic():
            self.make_staff()
        cur = self.connection.cursor().cursor  # the psycopg cursor under Django's wrapper
        self.connection.connection.autocommit = False
        cur.execute("SET session_replication_role = replica")
        ids = Ids(
            cur,
            [
                "kes_user",
                "cases_business",
                "cases_businessmembership",
                "cases_case",
                "cases_caseservice",
                "cases_caseservice_departments",
                "cases_case_departments",
                "cases_casereason",
                "cases_immediateanswer",
                "cases_departmenttask",
                "cases_informationrequest",
                "cases_decision",
                "cases_caseevent",
                "cases_letter",
                "cases_casemessage",
                "cases_internalnote",
            ],
        )
        self.make_businesses(cur, ids)
        self.connection.connection.commit()
        self.log(
            f"  staff and {len(self.business_ids)} businesses ({time.monotonic() - started:.0f} s)"
        )

        times = self.received_times()
        n = self.n_cases
        demo_idx = set(self.rng.sample(range(n), self.n_demo))
        # The two marked cases: recent and open-ish, of ordinary businesses.
        candidates = [i for i in range(int(n * 0.985), n) if i not in demo_idx]
        self.medium_idx, self.big_idx = self.rng.sample(candidates, 2)
        counters: dict[int, int] = {}
        self.demo_refs = 0
        for chunk_start in range(0, n, CHUNK):
            rows = {k: [] for k in TABLE_COLUMNS}
            for i in range(chunk_start, min(n, chunk_start + CHUNK)):
                received = times[i]
                year = received.astimezone(COPENHAGEN).year
                counters[year] = counters.get(year, 0) + 1
                self.make_case(
                    i, received, f"KES-{year}-{counters[year]:06d}", i in demo_idx, rows, ids
                )
            for table, columns in TABLE_COLUMNS.items():
                self.copy(cur, table, columns, rows[table])
            self.connection.connection.commit()
            self.log(
                f"  cases {min(n, chunk_start + CHUNK):>7} / {n} "
                f"({time.monotonic() - started:.0f} s)"
            )

        for year, last in counters.items():
            cur.execute(
                "INSERT INTO cases_referencecounter (year, last) VALUES (%s, %s) "
                "ON CONFLICT (year) DO UPDATE SET last = GREATEST(cases_referencecounter.last, "
                "EXCLUDED.last)",
                [year, last],
            )
        for table in ids.next:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 (own table names)
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        cur.execute("SET session_replication_role = DEFAULT")
        self.connection.connection.commit()
        self.connection.connection.autocommit = True
        self.log(f"  VACUUM (ANALYZE) ({time.monotonic() - started:.0f} s)")
        # VACUUM, not only ANALYZE: it sets the visibility map of the freshly copied pages,
        # without which every index-only scan reads the table too until autovacuum comes
        # by (the lists' count queries ran 1.4-5x slower on a fresh database than vacuumed).
        cur.execute("VACUUM (ANALYZE)")
        self.elapsed = time.monotonic() - started
