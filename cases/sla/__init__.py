"""The service-target sweeps (DESIGN.md §5): warnings, breaches and lapsed requests.

- ``state``: the clock's stored state (warning date, national days) that the services
  which create, pause, resume and decide tasks keep right;
- ``selectors``: the due rows, locked ``FOR UPDATE SKIP LOCKED`` on the partial indexes, and
  the recipients of a batch in one query per role;
- ``services``: the sweep itself, set-based: per batch of 500 rows one transaction with a
  constant number of queries (notices, outbox rows, follow-ups, events, the marks);
- ``texts``: the notices' texts and the staff mail, in the reader's language.
"""
