"""Scale generator (issue 12): bulk-load a realistic volume of cases into a PostgreSQL database.

    .venv/bin/python -m bench.generate --cases 200000 [--seed 1] [--database-url URL] [--force]

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
  answered request. ``Decision`` rows for decided tasks; ``TaskMilestone`` rows for the
  warnings and breaches the sweep would have recorded (``clock``);
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
sequences moved past them at the end, then ``VACUUM (ANALYZE)``.

The package: ``constants`` (shares, weights, words, the marked cases), ``database`` (the URL
checks, ids, ``COPY`` columns, wiping), ``people`` (staff, businesses and their users),
``case_rows`` (one case with everything that hangs off it; its steps in ``case_flow`` and
``case_tasks``, sharing a ``case_draft.CaseDraft``), ``generator`` (the run) and
``__main__`` (the command line).
"""

from .constants import BIG_MARK, DEMO_CVR, DEMO_NAME, MEDIUM_MARK

__all__ = ["BIG_MARK", "DEMO_CVR", "DEMO_NAME", "MEDIUM_MARK"]
