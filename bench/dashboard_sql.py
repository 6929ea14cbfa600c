# ruff: noqa: S608 -- the SQL is built from this module's own constants; values are parameters
"""The hand-written SQL that ``bench/dashboard.py`` measures the pages against (PostgreSQL).

Each function returns ``(sql, params)``. The dashboard's statements follow the rules of
``cases.stats.selectors`` (decision tasks, decided in the period by ``decided_at``, within
target = net units at most the target's units, weeks counted as 7 days); the lists' follow
their selectors (order, filters, the columns a row shows, 25 a page).

The decided figures read the decision rows alone, as the selectors do (the task's
department, service, case, track, channel, target rule and requests are kept on them);
``headline_join`` computes the same headline from the tasks joined with their decisions,
the way it was read before they were, as a second reference.
"""

from __future__ import annotations

OPEN = "('open', 'in_review', 'waiting')"
TARGET_UNITS = "CASE WHEN t.target_unit = 'weeks' THEN t.target_days * 7 ELSE t.target_days END"
COUNTS = f"""count(*) AS decided,
    count(*) FILTER (WHERE t.target_days IS NOT NULL) AS with_target,
    count(*) FILTER (WHERE t.target_days IS NOT NULL AND d.net_units <= {TARGET_UNITS}) AS within"""
FACT_COUNTS = """count(*) AS decided,
    count(*) FILTER (WHERE d.has_target) AS with_target,
    count(*) FILTER (WHERE d.within_target) AS within"""
PAGE = 25


def _facts(department_id) -> str:
    """The decisions of the period (``%(start)s`` to ``%(end)s``), one department or all."""
    where = "AND d.department_id = %(department)s" if department_id else ""
    return f"""FROM cases_decision d
WHERE d.decided_at >= %(start)s AND d.decided_at < %(end)s {where}"""


def _decided(department_id) -> str:
    """The decided tasks of the period (``%(start)s`` to ``%(end)s``), one department or all."""
    where = "AND t.department_id = %(department)s" if department_id else ""
    return f"""FROM cases_departmenttask t JOIN cases_decision d ON d.task_id = t.id
WHERE t.kind = 'decision' AND t.status = 'done'
  AND d.decided_at >= %(start)s AND d.decided_at < %(end)s {where}"""


def _params(start, end, department_id, **more) -> dict:
    return {"start": start, "end": end, "department": department_id, **more}


HEADLINE_PERCENTILES = """percentile_cont(0.5) WITHIN GROUP (ORDER BY d.gross_units) AS gross_p50,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY d.gross_units) AS gross_p90,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY d.net_units) AS net_p50,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY d.net_units) AS net_p90"""


def headline(start, end, department_id=None):
    """The headline figures: decided, with a target, within, median and p90 of gross and
    net, from the decision rows."""
    sql = f"""SELECT {FACT_COUNTS},
    {HEADLINE_PERCENTILES}
{_facts(department_id)}"""
    return sql, _params(start, end, department_id)


def headline_join(start, end, department_id=None):
    """``headline`` from the decision tasks joined with their decisions."""
    sql = f"""SELECT {COUNTS},
    {HEADLINE_PERCENTILES}
{_decided(department_id)}"""
    return sql, _params(start, end, department_id)


def every_figure(start, end, today, age_ranges, department_id=None):
    """The statements of every figure the dashboard shows: the summary (with cases, the
    national clock and the requests), the department or service table, the trend, the channels
    and the backlog. ``age_ranges`` are ``cases.stats.bands.age_ranges(today)``."""
    params = _params(start, end, department_id, today=today)
    decided = _facts(department_id)
    summary = f"""SELECT {FACT_COUNTS}, count(DISTINCT d.case_id) AS cases, sum(d.requests),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY d.gross_units),
    percentile_cont(0.9) WITHIN GROUP (ORDER BY d.gross_units),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY d.net_units),
    percentile_cont(0.9) WITHIN GROUP (ORDER BY d.net_units),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY d.national_days),
    percentile_cont(0.9) WITHIN GROUP (ORDER BY d.national_days)
{decided}"""
    if department_id:
        group, join = "s.code", "LEFT JOIN intake_service s ON s.id = d.service_id"
    else:
        group, join = "dep.code", "JOIN routing_department dep ON dep.id = d.department_id"
    groups = f"""SELECT {group}, {FACT_COUNTS},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY d.net_units),
    percentile_cont(0.9) WITHIN GROUP (ORDER BY d.net_units)
{decided.replace("WHERE", join + " WHERE", 1)}
GROUP BY 1 ORDER BY 1"""
    month = "date_trunc('month', d.decided_at AT TIME ZONE 'Europe/Copenhagen')"
    trend = f"""SELECT {month}, {FACT_COUNTS},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY d.net_units)
{decided}
GROUP BY 1 ORDER BY 1"""
    channels = f"""SELECT d.channel, count(DISTINCT d.case_id), count(*)
{decided}
GROUP BY 1 ORDER BY 1"""
    is_open = f"t.status IN {OPEN}"
    # The selectors' breach of the period: an uncorrelated subquery of the milestone rows.
    breached = (
        "t.id IN (SELECT m.task_id FROM cases_taskmilestone m WHERE m.milestone = 'breach'"
        " AND m.reached_at >= %(start)s AND m.reached_at < %(end)s)"
    )
    working = "t.status <> 'waiting' AND t.target_days IS NOT NULL"
    bands = []
    for i, band in enumerate(age_ranges):
        params[f"to{i}"], params[f"from{i}"] = band.received_to, band.received_from
        lower = f" AND t.received_on >= %(from{i})s" if band.received_from else ""
        bands.append(f"count(*) FILTER (WHERE {is_open} AND t.received_on <= %(to{i})s{lower})")
    uses = [
        f"{working} AND (t.warning_on > %(today)s OR t.warning_on IS NULL)"
        " AND (t.deadline >= %(today)s OR t.deadline IS NULL)",
        f"{working} AND t.warning_on <= %(today)s AND t.deadline >= %(today)s",
        f"{working} AND t.deadline < %(today)s",
        "t.status = 'waiting'",
        "t.status <> 'waiting' AND t.target_days IS NULL",
    ]
    bands += [f"count(*) FILTER (WHERE {is_open} AND {use})" for use in uses]
    where = "AND t.department_id = %(department)s" if department_id else ""
    backlog = f"""SELECT count(*) FILTER (WHERE {is_open}), count(*) FILTER (WHERE {breached}),
    count(*) FILTER (WHERE {breached} AND {is_open}),
    {", ".join(bands)}
FROM cases_departmenttask t
WHERE t.kind = 'decision' {where} AND ({is_open} OR {breached})"""
    return [(sql, params) for sql in (summary, groups, trend, channels, backlog)]


def _case_row(where: str) -> str:
    # The page's ids first (the list's index in order, nothing joined for skipped rows),
    # then what the 25 rows show.
    return f"""WITH page AS (
    SELECT c.id FROM cases_case c {where}
    ORDER BY c.received_at DESC, c.id DESC LIMIT {PAGE} OFFSET %(offset)s)
SELECT c.id, c.reference, c.status, c.track, c.channel, c.received_at,
    b.id, b.name, b.cvr,
    (SELECT count(*) FROM cases_departmenttask t WHERE t.case_id = c.id AND t.status IN {OPEN}),
    (SELECT min(t.deadline) FROM cases_departmenttask t
      WHERE t.case_id = c.id AND t.status IN {OPEN})
FROM page JOIN cases_case c ON c.id = page.id JOIN cases_business b ON b.id = c.business_id
ORDER BY c.received_at DESC, c.id DESC"""


def _departments(department_ids) -> str:
    # One department as an equality: the planner then reads the list's index in order.
    if len(department_ids) == 1:
        return "t.department_id = %(department)s"
    return "t.department_id = ANY(%(departments)s)"


def case_list_rows(page: int, department_ids=None):
    """One page of the staff case list: every case, or (``department_ids``) the cases with
    a task in one of those departments (a caseworker's)."""
    where = ""
    if department_ids is not None:
        where = (
            "WHERE EXISTS (SELECT 1 FROM cases_departmenttask t "
            f"WHERE t.case_id = c.id AND {_departments(department_ids)})"
        )
    return _case_row(where), _list_params(page, department_ids)


def _list_params(page, department_ids, **more) -> dict:
    return {
        "offset": (page - 1) * PAGE,
        "departments": department_ids,
        "department": department_ids[0] if department_ids else None,
        **more,
    }


ORDER = "t.deadline ASC NULLS LAST, t.received_on, t.created_at, t.id"
TASK_ROW = f"""WITH page AS (
    SELECT t.id FROM cases_departmenttask t WHERE t.status IN {OPEN} AND %s
    ORDER BY {ORDER} LIMIT {PAGE} OFFSET %%(offset)s)
SELECT t.id, t.kind, t.status, t.deadline, t.received_on, t.warning_on,
    c.id, c.reference, c.track, b.id, b.name, s.id, s.name, dep.id, dep.name, u.id, u.username
FROM page JOIN cases_departmenttask t ON t.id = page.id
JOIN cases_case c ON c.id = t.case_id JOIN cases_business b ON b.id = c.business_id
LEFT JOIN cases_caseservice cs ON cs.id = t.case_service_id
LEFT JOIN intake_service s ON s.id = cs.service_id
JOIN routing_department dep ON dep.id = t.department_id
LEFT JOIN kes_user u ON u.id = t.assignee_id
ORDER BY {ORDER}"""


def queue_rows(page: int, department_ids):
    sql = TASK_ROW % f"{_departments(department_ids)} AND t.assignee_id IS NULL"
    return sql, _list_params(page, department_ids)


def inbox_rows(page: int, user_id: int):
    return TASK_ROW % "t.assignee_id = %(user)s", _list_params(page, None, user=user_id)
