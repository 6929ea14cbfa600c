"""The command line: ``python -m bench.generate --cases 200000 [--seed 1] [--force]``
(or ``--decided-tasks 1000000``: as many cases as give about that many decisions)."""

import argparse
import math
import os
import sys
import time

from . import __doc__ as PACKAGE_DOC
from .constants import DECISIONS_PER_CASE
from .database import case_count, check_url, database_name, django_setup, ensure_database, wipe
from .generator import Generator


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=PACKAGE_DOC.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--cases", type=int, default=None, help="cases to write (default 200000)")
    size.add_argument(
        "--decided-tasks",
        type=int,
        default=None,
        help="size the run by decided decision tasks instead (about 1.5 per case; "
        "1000000 gives 660,067 cases)",
    )
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
    if args.decided_tasks is not None:
        args.cases = math.ceil(args.decided_tasks / DECISIONS_PER_CASE)
    elif args.cases is None:
        args.cases = 200_000

    check_url(args.database_url)
    started = time.monotonic()
    created = ensure_database(args.database_url)
    django_setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    print(
        f"bench.generate: {database_name(args.database_url)}"
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
            f"bench.generate: the database already has {existing} cases; "
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
        f"bench.generate: {args.cases} cases in {total:.0f} s "
        f"(generation {generator.elapsed:.0f} s)"
    )
    for table, count in sorted(generator.counts.items()):
        print(f"  {table:34} {count:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
