"""The managers' service-target statistics (issue 15): figures over decided and open tasks.

- ``filters``: the filters (period on the decision date, department, service, track,
  channel) as a dataclass, parsed and validated by a form; no ORM;
- ``percentiles``: percentile_cont over (value, count) pairs, the SQLite fallback; no ORM;
- ``bands``: the backlog's age bands and share-of-target bands; no ORM;
- ``aggregates``: the ``percentile_cont`` aggregate (every fraction from one sort) and the
  per-vendor percentile reads;
- ``selectors``: every figure, each one aggregate query in the database;
- ``charts``: the geometry of the server-rendered bar charts; no ORM;
- ``presenting``: the figures as table texts, chart items and one-sentence summaries;
- ``export``: streaming CSV with formula-injection protection.

The page is ``cases.views.dashboard`` (``/staff/dashboard/``), the API ``cases.api_stats``.
"""
