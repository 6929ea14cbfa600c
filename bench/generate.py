"""Scale generator (issue 12): bulk-load a realistic volume of cases into a PostgreSQL database.

    .venv/bin/python bench/generate.py --cases 200000 [--seed 1] [--database-url URL] [--force]

The database comes from ``--database-url`` or ``DATABASE_URL``; it is created when missing
and migrated. The generator refuses SQLite, a test database (name ``test`` or ``test_*``) and,
without ``--force``, a database that already holds cases; ``--force`` first TRUNCATEs every
user, business, case (and what hangs off them) and viewflow row, so only use it on a bench
database.

What is written (fixed seed, ``random.Random(seed)``; proportions at 200,000 cases):

- the shipped catalogue (``catalogue_load``) if no service exists yet;
- staff: KES staff (group ``kes_staff``), pilots, a manager, and per department a lead and
  caseworkers (their number grows with the volume); usernames ``bench-…`` with unusable
  passwords. Fixed users for the page benchmark: ``bench-kes-1`` (KES staff),
  ``bench-city_use-1`` (caseworker in City Use) and ``bench-cafe`` (the Demo Café's user);
- ~cases/10 businesses with valid CVR numbers (modulus 11), ~60 % with a business user;
  "Demo Café ApS" (CVR 12345607) gets 5,000 cases (below 20,000 cases: a quarter of them);
- cases over the last 3 years (slightly growing), all five tracks and three channels in
  plausible shares, references ``KES-YYYY-NNNNNN`` numbered per year in received order and
  the ``ReferenceCounter`` of each year set to its last number (later submissions follow on);
- 1–3 ``CaseService`` rows per case from the catalogue with their departments (M2M), the case's
  departments (M2M) and one ``CaseReason``; ``ImmediateAnswer`` for cases closed at once;
- ``DepartmentTask`` rows: one per (service, department), plus KES's own task for the
  immediate (digital), pilot and star-meeting tracks. Each task gets a processing time
  around its service target; it is decided when that time has passed, so open tasks are
  recent and decided ones older (a few percent are stuck and old). Open tasks: ~45 % unassigned,
  the rest in review or WAITING with an open ``InformationRequest``; some decided tasks had an
  answered request. ``Decision`` rows for decided tasks;
- ``CaseEvent`` rows (received, classified, kes_task_created/done, routed, task_assigned,
  information_requested/answered, decided, answered_immediately, closed, letter_sent);
- ``Letter`` rows: the receipt of every case, the decision letter of every closed case;
- two marked cases for the case-page benchmark, found by their description:
  "Bench: case with about 20 events" and "Bench: case with about 2,000 events" (the extra
  events are case_viewed, message_sent with ``CaseMessage`` rows and note_added with
  ``InternalNote`` rows).

Left out: viewflow rows (``viewflow_process``/``viewflow_task``) for every case, open or closed
(no GET page reads them: lists, queue, inbox, case and task pages, and the API, read only
``cases`` tables; ``process_of`` is used only by the writes: assign, decide, request
information, override, messages on some paths, so those actions fail on generated cases);
outbox (``kes_notification``) rows; documents and files (letters have no PDF file); answers to
the services' questions (``answers`` is empty); external authorities on cases; satisfaction
answers; star meetings and pilot assignments beyond KES's task.

Rows are written with PostgreSQL ``COPY`` (psycopg 3) in chunks of 20,000 cases, with
foreign-key triggers off for the session (``session_replication_role = replica``, the
generator keeps the references consistent by construction); ids are given out here and the
sequences moved past them at the end, then ``ANALYZE``.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import random
import sys
import time
from datetime import UTC, timedelta
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
DEMO_CVR = "12345607"
DEMO_NAME = "Demo Café ApS"
MEDIUM_MARK = "Bench: case with about 20 events"
BIG_MARK = "Bench: case with about 2,000 events"
CHUNK = 20_000

TRACK_SHARES = [  # track, share, channels (channel, weight)
    ("immediate", 0.20, [("digital", 40), ("phone", 40), ("counter", 20)]),
    ("self_service", 0.46, [("digital", 100)]),
    ("assisted", 0.22, [("phone", 60), ("counter", 40)]),
    ("pilot", 0.09, [("digital", 60), ("phone", 25), ("counter", 15)]),
    ("star_meeting", 0.03, [("digital", 70), ("phone", 20), ("counter", 10)]),
]

# Relative frequency of each catalogue service among the cases that ask for it.
SERVICE_WEIGHTS = {
    "outdoor_serving": 14,
    "a_sign": 11,
    "road_occupation": 8,
    "trade_parking_permit": 8,
    "street_vending": 5,
    "event_public_space": 5,
    "facade_sign": 6,
    "building_permit_minor": 5,
    "kitchen_ventilation": 4,
    "construction_noise_notice": 6,
    "soil_contamination_notice": 2,
    "restaurant_music_noise": 4,
    "sports_facility_event": 3,
    "recruitment_support": 3,
    "international_recruitment": 3,
    "lease_municipal_premises": 2,
    "change_of_use_restaurant": 3,
    "environmental_permit": 1,
    "home_care_provider_approval": 1,
    "business_pilot": 2,
    "buy_municipal_plot": 1,
}
IMMEDIATE_WEIGHTS = {
    "cafe_permits_guide": 5,
    "sign_rules": 3,
    "business_start_guide": 6,
    "international_business_guide": 2,
    "opening_hours_waste": 3,
}
# Caseworkers per department at 200,000 cases (scaled with the volume, at least two).
CASEWORKERS_AT_200K = {
    "city_use": 20,
    "environment": 12,
    "building": 10,
    "traffic": 5,
    "parking": 5,
    "kes": 10,
}

WORDS_A = [
    "Nordhavn",
    "Vester",
    "Amager",
    "Nørrebro",
    "Østerbro",
    "Valby",
    "Frederiksberg",
    "Sydhavn",
    "Christianshavn",
    "Bispebjerg",
    "Brønshøj",
    "Havne",
    "Kongens",
    "Torve",
    "Strand",
    "Lille",
    "Store",
    "Gamle",
    "Nye",
    "Grønne",
    "Blå",
    "Røde",
    "Gyldne",
]
WORDS_B = [
    "Café",
    "Bageri",
    "Bistro",
    "Tømrer",
    "VVS",
    "Frisør",
    "Kiosk",
    "Vinbar",
    "Køkken",
    "Byg",
    "Event",
    "Design",
    "Data",
    "Rådgivning",
    "Blomster",
    "Cykler",
    "Is",
    "Pizza",
    "Smørrebrød",
    "Kaffe",
    "Maler",
    "El",
    "Rengøring",
    "Foto",
    "Yoga",
    "Atelier",
]
FORMS = ["ApS", "ApS", "ApS", "A/S", "I/S", "IVS", "v/ Hansen", "K/S"]
STREETS = [
    "Vesterbrogade",
    "Nørrebrogade",
    "Amagerbrogade",
    "Østerbrogade",
    "Gothersgade",
    "Istedgade",
    "Jagtvej",
    "Enghavevej",
    "Frederikssundsvej",
    "Valby Langgade",
    "Strandboulevarden",
    "Islands Brygge",
    "Store Kongensgade",
    "Blegdamsvej",
]
POSTCODES = [
    ("1620", "København V"),
    ("2200", "København N"),
    ("2300", "København S"),
    ("2100", "København Ø"),
    ("1300", "København K"),
    ("2500", "Valby"),
    ("2400", "København NV"),
    ("2700", "Brønshøj"),
    ("1050", "København K"),
]
FIRST = [
    "Anne",
    "Mette",
    "Lars",
    "Søren",
    "Jens",
    "Camilla",
    "Sofie",
    "Mads",
    "Ida",
    "Peter",
    "Louise",
    "Rasmus",
    "Maria",
    "Henrik",
    "Line",
    "Thomas",
    "Emma",
    "Jonas",
    "Freja",
]
LAST = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
]
DESCRIPTIONS = [
    "Vi vil gerne stille borde og stole ud foran caféen i sommerhalvåret.",
    "Vi åbner en ny butik og vil gerne sætte et skilt op på facaden.",
    "Ansøgning om midlertidig råden over vejareal i forbindelse med en byggeplads.",
    "Vi holder gadefest for kunderne og skal bruge en del af pladsen en lørdag.",
    "Vi skal ombygge køkkenet og sætte nyt ventilationsanlæg op.",
    "We are opening a small restaurant and need to know which permits apply.",
    "Håndværkerparkering ved kunder i indre by i de næste tre måneder.",
    "Vi vil gerne have hjælp til at komme i gang med ansættelse af medarbejdere.",
    "Ombygning af butikslokale til restaurant med udeservering.",
    "Spørgsmål om regler for skilte og varer på fortovet.",
]
STATEMENTS = {
    "approved": "Ansøgningen er godkendt som søgt.",
    "approved_with_conditions": "Ansøgningen er godkendt på de vilkår, der står nedenfor.",
    "rejected": "Ansøgningen kan ikke godkendes, fordi projektet ikke overholder reglerne.",
}


# --------------------------------------------------------------------------------------
# Database selection and safety checks (before Django is set up)


def database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def check_url(url: str) -> None:
    if not url:
        sys.exit("generate.py: no database: pass --database-url or set DATABASE_URL")
    scheme = urlparse(url).scheme
    if not scheme.startswith("postgres"):
        sys.exit(f"generate.py: refusing {scheme or 'this'} database: PostgreSQL only")
    name = database_name(url)
    if not name or name == "test" or name.startswith("test_"):
        sys.exit(f"generate.py: refusing the test database {name!r}")


def ensure_database(url: str) -> bool:
    """Create the database if it does not exist; True when it was created."""
    import psycopg
    from psycopg import sql

    name = database_name(url)
    parts = urlparse(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kes.settings")
    os.environ.setdefault("CONN_MAX_AGE", "0")
    import django

    django.setup()


# --------------------------------------------------------------------------------------
# Helpers


def valid_cvr(rng: random.Random, taken: set[str]) -> str:
    from stdnum.dk import cvr

    while True:
        base = str(rng.randint(1_000_000, 9_999_999))
        for digit in "0123456789":
            candidate = base + digit
            if cvr.is_valid(candidate):
                if candidate not in taken:
                    taken.add(candidate)
                    return candidate
                break


def weighted(rng: random.Random, items, weights_cum):
    return items[bisect.bisect(weights_cum, rng.random() * weights_cum[-1])]


def cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def js(value) -> str:
    return json.dumps(value, ensure_ascii=False)


class Ids:
    """The next id of each table (given out here, sequences set at the end)."""

    def __init__(self, cursor, tables):
        self.next = {}
        for table in tables:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 (own names)
            self.next[table] = cursor.fetchone()[0] + 1

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


# --------------------------------------------------------------------------------------
# The generator


class Generator:
    def __init__(self, *, cases: int, seed: int, demo_cases: int | None, verbose: bool = True):
        from django.conf import settings
        from django.db import connection
        from django.utils import timezone

        self.n_cases = cases
        self.rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
        self.now = timezone.now()
        self.verbose = verbose
        self.connection = connection
        self.closing_days = tuple(settings.KES_CLOSING_DAYS)
        if demo_cases is None:
            demo_cases = 5000 if cases >= 20_000 else cases // 4
        self.n_demo = min(demo_cases, cases)
        self.counts: dict[str, int] = {}
        self._deadlines: dict = {}

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

    # ---- users and businesses -------------------------------------------------------

    def make_staff(self):
        from django.contrib.auth import get_user_model

        from kes.constants import Role
        from routing.constants import MembershipRole
        from routing.models import Department
        from routing.services import membership_set, user_roles_grant

        User = get_user_model()
        scale = self.n_cases / 200_000

        def user(username, first, last, roles=()):
            u = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.invalid",
                password="!",
            )
            if roles:
                user_roles_grant(user=u, roles=roles)
            return u

        n_kes = max(2, round(CASEWORKERS_AT_200K["kes"] * scale))
        self.kes_staff = [
            user(f"bench-kes-{i}", "KES", f"Medarbejder {i}", [Role.KES_STAFF]).pk
            for i in range(1, n_kes + 1)
        ]
        self.pilots = [
            user(f"bench-pilot-{i}", "Lods", str(i), [Role.PILOT]).pk for i in range(1, 4)
        ]
        user("bench-manager", "Mette", "Leder", [Role.MANAGER])
        departments = Department.objects.in_bulk()
        self.workers: dict[int, list[int]] = {}
        for code, dept_id in self.departments.items():
            if code == "kes":
                continue
            n = max(2, round(CASEWORKERS_AT_200K.get(code, 3) * scale))
            ids = []
            for i in range(1, n + 1):
                u = user(f"bench-{code}-{i}", self.rng.choice(FIRST), self.rng.choice(LAST))
                role = MembershipRole.LEAD if i == n else MembershipRole.CASEWORKER
                membership_set(user=u, department=departments[dept_id], role=role)
                ids.append(u.pk)
            self.workers[dept_id] = ids
        self.workers[self.kes_id] = self.kes_staff
        self.counts["staff users"] = User.objects.filter(username__startswith="bench-").count()

    def make_businesses(self, cur, ids: Ids):
        rng = self.rng
        n_business = max(100, self.n_cases // 10)
        taken = {DEMO_CVR}
        businesses, users, memberships = [], [], []
        self.business_ids, self.business_user, self.business_lang = [], {}, {}
        self.digital_businesses = []
        now = self.now
        for i in range(n_business):
            bid = ids.take("cases_business")
            if i == 0:
                cvr, name = DEMO_CVR, DEMO_NAME
                address, (postcode, city) = "Vesterbrogade 1", ("1620", "København V")
                email, language = "cafe@example.invalid", "da"
            else:
                cvr = valid_cvr(rng, taken)
                name = f"{rng.choice(WORDS_A)} {rng.choice(WORDS_B)} {rng.choice(FORMS)}"
                address = f"{rng.choice(STREETS)} {rng.randint(1, 250)}"
                postcode, city = rng.choice(POSTCODES)
                email = f"kontakt{i}@example.invalid"
                language = "en" if rng.random() < 0.12 else "da"
            created = now - timedelta(days=rng.uniform(0, 4 * 365))
            businesses.append(
                (
                    bid,
                    cvr,
                    name,
                    address,
                    postcode,
                    city,
                    language,
                    email,
                    f"+45 {rng.randint(20000000, 99999999)}",
                    created,
                )
            )
            self.business_ids.append(bid)
            self.business_lang[bid] = language
            if i == 0 or rng.random() < 0.6:
                uid = ids.take("kes_user")
                username = "bench-cafe" if i == 0 else f"bench-business-{i}"
                first, last = rng.choice(FIRST), rng.choice(LAST)
                users.append(
                    (
                        "!",
                        False,
                        username,
                        first,
                        last,
                        f"{username}@example.invalid",
                        False,
                        True,
                        created,
                        language,
                        uid,
                    )
                )
                memberships.append((ids.take("cases_businessmembership"), bid, uid, True, created))
                self.business_user[bid] = uid
                self.digital_businesses.append(bid)
        self.demo_business = self.business_ids[0]
        self.copy(
            cur,
            "cases_business",
            [
                "id",
                "cvr",
                "name",
                "address",
                "postcode",
                "city",
                "language",
                "email",
                "phone",
                "created_at",
            ],
            businesses,
        )
        self.copy(
            cur,
            "kes_user",
            [
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
                "language",
                "id",
                "phone",
            ],
            [(*user, "") for user in users],
        )
        self.copy(
            cur,
            "cases_businessmembership",
            ["id", "business_id", "user_id", "is_admin", "created_at"],
            memberships,
        )

    # ---- COPY ---------------------------------------------------------------------------

    def copy(self, cur, table, columns, rows):
        if not rows:
            return
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
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
        self.log(f"  ANALYZE ({time.monotonic() - started:.0f} s)")
        cur.execute("ANALYZE")
        self.elapsed = time.monotonic() - started

    # ---- one case ---------------------------------------------------------------------

    def make_case(self, i, received, reference, is_demo, rows, ids: Ids):
        rng = self.rng
        now = self.now
        track = weighted(rng, self.tracks, self.track_cum)
        channel = weighted(rng, *self.channels[track])
        if is_demo:
            business = self.demo_business
            channel = "digital" if track != "assisted" else channel
        elif channel == "digital":
            business = rng.choice(self.digital_businesses)
        else:
            business = rng.choice(self.business_ids)
        language = self.business_lang[business]
        kes_worker = rng.choice(self.kes_staff)
        if channel == "digital":
            submitted_by = self.business_user[business]
            assisted_by = None
        else:
            submitted_by = kes_worker
            assisted_by = kes_worker
        case_id = ids.take("cases_case")

        # services
        if track == "immediate":
            count = 1 if rng.random() < 0.8 else 2
            codes = []
            for _ in range(count):
                codes.append(self.pick_service("immediate", set(codes)))
            complexity = "simple"
        else:
            r = rng.random()
            count = 1 if r < 0.52 else (2 if r < 0.87 else 3)
            codes = []
            if track == "pilot":
                codes.append(self.pick_service("complex", set()))
                complexity = "complex"
            elif track == "star_meeting":
                if rng.random() < 0.5:
                    codes.append(self.pick_service("joint", set()))
                complexity = "joint" if codes else "simple"
            else:
                complexity = "simple"
            while len(codes) < count:
                codes.append(self.pick_service("simple", set(codes)))
        star_requested = track == "star_meeting" and complexity != "joint"
        help_requested = track == "assisted" and rng.random() < 0.3

        at = received
        events = rows["cases_caseevent"]
        first_event = len(events)

        def event(kind, when, actor=None, data=None, note=""):
            events.append(
                (ids.take("cases_caseevent"), case_id, kind, when, actor, js(data or {}), note)
            )

        def ask(t, by, text, *, asked, due, answered):
            """A request for information on task ``t`` and its event; returns its id."""
            req_id = ids.take("cases_informationrequest")
            rows["cases_informationrequest"].append(
                (req_id, t["id"], text, due, by, asked, answered, asked)
            )
            data = {"task": t["id"], "department": self.dept_code[t["dept"]], "request": req_id}
            event("information_requested", asked, by, data, text)
            return req_id

        case_departments: list[int] = []
        services = []
        for position, code in enumerate(codes):
            s = self.services[code]
            cs_id = ids.take("cases_caseservice")
            services.append((cs_id, code, s))
            rows["cases_caseservice"].append(
                (cs_id, case_id, s["id"], "{}", position, s["target_days"], s["target_unit"])
            )
            for dept in s["departments"]:
                rows["cases_caseservice_departments"].append(
                    (ids.take("cases_caseservice_departments"), cs_id, dept)
                )
                if dept not in case_departments:
                    case_departments.append(dept)
        for dept in case_departments:
            rows["cases_case_departments"].append(
                (ids.take("cases_case_departments"), case_id, dept)
            )
        rows["cases_casereason"].append(
            (
                ids.take("cases_casereason"),
                case_id,
                f"track.{track}",
                f"Sporet er {track}.",
                f"The track is {track}.",
                0,
            )
        )

        event(
            "received",
            at,
            submitted_by,
            {"channel": channel, "received_at": received.isoformat(), "assisted_by": assisted_by},
        )
        event(
            "classified",
            at,
            None,
            {
                "track": track,
                "complexity": complexity,
                "departments": [self.dept_code[d] for d in case_departments],
                "authorities": [],
            },
        )

        closed_at = None
        status = "received"
        tasks = []  # (task row, done_at)
        receipt_at = at + timedelta(minutes=rng.randint(1, 10))

        def new_task(kind, dept, cs_id, target_days, target_unit, created, duration_days):
            task_id = ids.take("cases_departmenttask")
            done_at = created + timedelta(days=duration_days)
            done = done_at < now
            return {
                "id": task_id,
                "kind": kind,
                "dept": dept,
                "cs": cs_id,
                "target_days": target_days,
                "target_unit": target_unit,
                "created": created,
                "done_at": done_at if done else None,
            }

        def duration_for(target_days, target_unit):
            if not target_days:
                base = 3
            else:
                base = target_days * (1.4 if target_unit == "business" else 1.0)
            d = base * rng.uniform(0.2, 1.15)
            if rng.random() < 0.1:  # late
                d = base * rng.uniform(1.1, 2.0)
            if rng.random() < 0.004:  # stuck
                d = rng.uniform(200, 900)
            return max(0.05, d)

        if track == "immediate" and channel != "digital":
            # Settled at the counter or on the phone: closed at creation, no flow.
            status, closed_at = "closed", at
            rows["cases_immediateanswer"].append(
                (
                    ids.take("cases_immediateanswer"),
                    case_id,
                    "Svar på spørgsmål",
                    "Vi har svaret på spørgsmålet med det samme.",
                    js(codes),
                    submitted_by,
                    at,
                )
            )
            event("answered_immediately", at, submitted_by, {"topic": "Svar", "services": codes})
        else:
            kes_kind = {
                "immediate": "immediate_answer",
                "pilot": "assign_pilot",
                "star_meeting": "triage",
            }.get(track)
            start = at
            if kes_kind:
                target = 2 if kes_kind == "immediate_answer" else None
                kes = new_task(
                    kes_kind, self.kes_id, None, target, "business", at, rng.uniform(0.1, 4)
                )
                tasks.append(kes)
                event("kes_task_created", at, None, {"task": kes["id"], "task_kind": kes_kind})
                if kes["done_at"] is None:
                    start = None
                else:
                    start = kes["done_at"]
                    worker = rng.choice(self.kes_staff)
                    kes["assignee"] = worker
                    if kes_kind == "immediate_answer":
                        rows["cases_immediateanswer"].append(
                            (
                                ids.take("cases_immediateanswer"),
                                case_id,
                                "Svar på spørgsmål",
                                "Vi har svaret på spørgsmålet.",
                                js(codes),
                                worker,
                                start,
                            )
                        )
                        event(
                            "answered_immediately",
                            start,
                            worker,
                            {"task": kes["id"], "topic": "Svar", "services": codes},
                        )
                    else:
                        event(
                            "kes_task_done",
                            start,
                            worker,
                            {"task": kes["id"], "department": "kes", "task_kind": kes_kind},
                        )
            if track != "immediate" and start is not None:
                status = "in_progress"
                routed = []
                for cs_id, _code, s in services:
                    for dept in s["departments"] or [self.kes_id]:
                        t = new_task(
                            "decision",
                            dept,
                            cs_id,
                            s["target_days"],
                            s["target_unit"],
                            start,
                            duration_for(s["target_days"], s["target_unit"]),
                        )
                        tasks.append(t)
                        routed.append(
                            {
                                "task": t["id"],
                                "service": s["id"],
                                "department": self.dept_code[dept],
                            }
                        )
                event("routed", start, None, {"tasks": routed})
            elif track != "immediate":
                status = "received"
            departments_done = track == "immediate" or len(tasks) > (1 if kes_kind else 0)
            if tasks and departments_done and all(t["done_at"] for t in tasks):
                closed_at = max(t["done_at"] for t in tasks) + timedelta(minutes=1)
                if closed_at < now:
                    status = "closed"
                else:
                    closed_at = None

        # task rows, requests, decisions
        for t in tasks:
            received_task_on = t["created"].astimezone(COPENHAGEN).date()
            dl = self.deadline(received_task_on, t["target_days"], t["target_unit"])
            workers = self.workers[t["dept"]]
            assignee = t.get("assignee")
            paused_units, paused_since = 0, None
            task_status = "done" if t["done_at"] else "open"
            completed_at = t["done_at"]
            if t["done_at"] is None:
                r = rng.random()
                if r < 0.45:
                    assignee = None
                elif r < 0.85:
                    assignee = rng.choice(workers)
                    task_status = "in_review"
                else:
                    assignee = rng.choice(workers)
                    task_status = "waiting"
                if assignee:
                    when = t["created"] + (now - t["created"]) * rng.uniform(0.05, 0.5)
                    event(
                        "task_assigned",
                        when,
                        assignee,
                        {"task": t["id"], "department": self.dept_code[t["dept"]], "to": assignee},
                    )
                if task_status == "waiting":
                    asked = t["created"] + (now - t["created"]) * rng.uniform(0.5, 0.95)
                    paused_since = asked.astimezone(COPENHAGEN).date()
                    ask(
                        t,
                        assignee,
                        "Send venligst en målfast tegning af arealet.",
                        asked=asked,
                        due=paused_since + timedelta(days=14),
                        answered=None,
                    )
            else:
                assignee = assignee or rng.choice(workers)
                if t["kind"] == "decision" and rng.random() < 0.08:
                    asked = t["created"] + (t["done_at"] - t["created"]) * 0.3
                    answered = t["created"] + (t["done_at"] - t["created"]) * 0.6
                    paused_units = max(1, (answered - asked).days)
                    req_id = ask(
                        t,
                        assignee,
                        "Vi mangler et foto af facaden.",
                        asked=asked,
                        due=asked.astimezone(COPENHAGEN).date() + timedelta(days=14),
                        answered=answered,
                    )
                    event(
                        "information_answered",
                        answered,
                        submitted_by,
                        {"task": t["id"], "request": req_id},
                    )
                    if dl:
                        dl = self.deadline(
                            received_task_on, t["target_days"] + paused_units, t["target_unit"]
                        )
                if t["kind"] == "decision":
                    r = rng.random()
                    outcome = (
                        "approved"
                        if r < 0.76
                        else "approved_with_conditions"
                        if r < 0.91
                        else "rejected"
                    )
                    dec_id = ids.take("cases_decision")
                    gross = max(0, (t["done_at"] - t["created"]).days)
                    rows["cases_decision"].append(
                        (
                            dec_id,
                            t["id"],
                            outcome,
                            STATEMENTS[outcome],
                            "Arealet skal holdes ryddeligt."
                            if outcome == "approved_with_conditions"
                            else "",
                            "Vejloven § 80." if outcome == "rejected" else "",
                            "Et mindre areal kan godkendes." if outcome == "rejected" else "",
                            "",
                            "Du kan klage inden 4 uger.",
                            assignee,
                            t["done_at"],
                            gross,
                            max(0, gross - paused_units),
                        )
                    )
                    event(
                        "decided",
                        t["done_at"],
                        assignee,
                        {
                            "task": t["id"],
                            "department": self.dept_code[t["dept"]],
                            "outcome": outcome,
                            "decision": dec_id,
                        },
                    )
            rows["cases_departmenttask"].append(
                (
                    t["id"],
                    case_id,
                    t["cs"],
                    t["dept"],
                    t["kind"],
                    task_status,
                    assignee,
                    received_task_on,
                    t["target_days"],
                    t["target_unit"],
                    dl,
                    paused_units,
                    paused_since,
                    t["created"],
                    completed_at,
                )
            )

        # letters
        rows["cases_letter"].append(
            (ids.take("cases_letter"), case_id, "receipt", language, "", at, receipt_at)
        )
        if status == "closed":
            if closed_at != at or track != "immediate":
                event("closed", closed_at)
            sent = closed_at + timedelta(minutes=rng.randint(1, 30))
            letter_id = ids.take("cases_letter")
            rows["cases_letter"].append(
                (
                    letter_id,
                    case_id,
                    "decision",
                    language,
                    "",
                    closed_at,
                    sent if sent < now else None,
                )
            )
            if sent < now:
                event("letter_sent", sent, None, {"letter": letter_id, "kind": "decision"})

        description = rng.choice(DESCRIPTIONS)
        target_events = None
        if i == self.medium_idx:
            description, target_events = MEDIUM_MARK, 20
        elif i == self.big_idx:
            description, target_events = BIG_MARK, 2000
        if target_events:
            self.extra_events(
                case_id,
                target_events - (len(events) - first_event),
                at,
                submitted_by,
                tasks,
                rows,
                ids,
                event,
            )

        rows["cases_case"].append(
            (
                case_id,
                reference,
                business,
                channel,
                track,
                complexity,
                status,
                description,
                star_requested,
                help_requested,
                received,
                received,
                closed_at,
                submitted_by,
                assisted_by,
                "[]",
                language,
            )
        )

    def extra_events(self, case_id, n, at, business_user, tasks, rows, ids, event):
        rng = self.rng
        staff = self.kes_staff + [w for t in tasks for w in self.workers[t["dept"]]]
        span = (self.now - at).total_seconds()
        for k in range(max(0, n)):
            when = at + timedelta(seconds=span * (k + 1) / (n + 1))
            r = rng.random()
            if r < 0.7:
                event("case_viewed", when, rng.choice(staff))
            elif r < 0.85:
                from_business = rng.random() < 0.5
                author = business_user if from_business else rng.choice(staff)
                msg_id = ids.take("cases_casemessage")
                rows["cases_casemessage"].append(
                    (
                        msg_id,
                        case_id,
                        author,
                        from_business,
                        f"Besked nummer {k} om sagen.",
                        None,
                        when,
                        when,
                    )
                )
                event("message_sent", when, author, {"message": msg_id})
            else:
                author = rng.choice(staff)
                note_id = ids.take("cases_internalnote")
                rows["cases_internalnote"].append(
                    (note_id, case_id, None, author, f"Intern note {k}.", when)
                )
                event("note_added", when, author, {"note": note_id})


TABLE_COLUMNS = {
    "cases_case": [
        "id",
        "reference",
        "business_id",
        "channel",
        "track",
        "complexity",
        "status",
        "description",
        "star_meeting_requested",
        "help_requested",
        "received_at",
        "created_at",
        "closed_at",
        "submitted_by_id",
        "assisted_by_id",
        "shown_topics",
        "language",
    ],
    "cases_caseservice": [
        "id",
        "case_id",
        "service_id",
        "answers",
        "position",
        "target_days",
        "target_unit",
    ],
    "cases_caseservice_departments": ["id", "caseservice_id", "department_id"],
    "cases_case_departments": ["id", "case_id", "department_id"],
    "cases_casereason": ["id", "case_id", "code", "text_da", "text_en", "position"],
    "cases_immediateanswer": [
        "id",
        "case_id",
        "topic",
        "text",
        "services",
        "answered_by_id",
        "answered_at",
    ],
    "cases_departmenttask": [
        "id",
        "case_id",
        "case_service_id",
        "department_id",
        "kind",
        "status",
        "assignee_id",
        "received_on",
        "target_days",
        "target_unit",
        "deadline",
        "paused_units",
        "paused_since",
        "created_at",
        "completed_at",
    ],
    "cases_informationrequest": [
        "id",
        "task_id",
        "text",
        "due_on",
        "requested_by_id",
        "requested_at",
        "answered_at",
        "notified_at",
    ],
    "cases_decision": [
        "id",
        "task_id",
        "outcome",
        "statement",
        "conditions",
        "provisions",
        "way_forward",
        "alternatives",
        "complaint",
        "decided_by_id",
        "decided_at",
        "gross_units",
        "net_units",
    ],
    "cases_caseevent": ["id", "case_id", "kind", "at", "actor_id", "data", "note"],
    "cases_letter": ["id", "case_id", "kind", "language", "file", "created_at", "sent_at"],
    "cases_casemessage": [
        "id",
        "case_id",
        "author_id",
        "from_business",
        "text",
        "information_request_id",
        "created_at",
        "notified_at",
    ],
    "cases_internalnote": ["id", "case_id", "task_id", "author_id", "text", "created_at"],
}

WIPE_TABLES = [
    "viewflow_task",
    "viewflow_process",
    "cases_caseevent",
    "cases_case",
    "cases_business",
    "kes_notification",
    "cases_referencecounter",
    "kes_user",
]


def wipe(connection) -> None:
    with connection.cursor() as cur:
        existing = set(connection.introspection.table_names(cur))
        tables = [t for t in WIPE_TABLES if t in existing]
        cur.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def case_count(connection) -> int:
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM cases_case")
        return cur.fetchone()[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument(
        "--demo-cases",
        type=int,
        default=None,
        help="cases of Demo Café ApS (default 5000; a quarter below 20,000)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="wipe users, businesses and cases of a database that has cases",
    )
    args = parser.parse_args(argv)

    check_url(args.database_url)
    started = time.monotonic()
    created = ensure_database(args.database_url)
    django_setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    print(
        f"generate.py: {database_name(args.database_url)}"
        f"{' (created)' if created else ''}: migrate",
        flush=True,
    )
    call_command("migrate", verbosity=0, interactive=False)
    existing = case_count(connection)
    if args.force:
        # Also after a run that failed half-way: its users and businesses are left behind.
        print(f"  --force: wiping {existing} cases, their businesses and users", flush=True)
        wipe(connection)
    elif existing:
        print(
            f"generate.py: the database already has {existing} cases; "
            "pass --force to wipe them and generate anew",
            file=sys.stderr,
        )
        return 2
    from intake.models import Service

    if not Service.objects.exists():
        from intake.catalogue import DEFAULT_CATALOGUE, read_catalogue
        from intake.services import catalogue_load

        catalogue_load(data=read_catalogue(DEFAULT_CATALOGUE))
        print("  catalogue loaded", flush=True)
    generator = Generator(cases=args.cases, seed=args.seed, demo_cases=args.demo_cases)
    generator.run()
    total = time.monotonic() - started
    print(
        f"generate.py: {args.cases} cases in {total:.0f} s (generation {generator.elapsed:.0f} s)"
    )
    for table, count in sorted(generator.counts.items()):
        print(f"  {table:34} {count:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
