"""The service-target sweeps (DESIGN.md §5): warnings, breaches and lapsed requests.

- ``state``: the clock's stored state (warning date, national days) that the services
  which create, pause, resume and decide tasks keep right;
- ``milestones``: a batch's milestones recorded once (``TaskMilestone``) in one statement,
  which hands back the new ones grouped by who is told;
- ``selectors``: the lapsed requests, locked ``FOR UPDATE SKIP LOCKED`` on their partial
  index;
- ``services``: the sweep itself, set-based: the first batch of each pass in one
  transaction, each later one in its own, with a constant number of queries (the
  milestones, a notice and an outbox row per recipient, follow-ups);
- ``texts``: the notices' texts and the staff mail, in the reader's language.
"""
