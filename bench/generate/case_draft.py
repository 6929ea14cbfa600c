"""The state one generated case shares between its steps, and the small row builders
they all use (events, information requests, tasks)."""

from __future__ import annotations

from datetime import timedelta

from .database import Ids
from .helpers import js


class CaseDraft:
    """The rows of one case while ``CaseRows.make_case`` builds them.

    ``gen`` is the ``Generator`` (random source, clock, staff, services); every random draw
    goes through ``gen.rng`` in the order of the original single method, so a seed still
    gives the same rows.
    """

    def __init__(self, gen, rows, ids: Ids, case_id: int, received):
        self.gen = gen
        self.rng = gen.rng
        self.now = gen.now
        self.rows = rows
        self.ids = ids
        self.case_id = case_id
        self.received = received
        self.at = received
        self.events = rows["cases_caseevent"]
        self.first_event = len(self.events)
        self.tasks: list[dict] = []
        self.services: list[tuple] = []
        self.case_departments: list[int] = []
        self.status = "received"
        self.closed_at = None
        self.kes_kind = None
        # Filled in by make_case before the steps run.
        self.track = self.channel = self.complexity = ""
        self.codes: list[str] = []
        self.submitted_by = self.assisted_by = None

    def event(self, kind, when, actor=None, data=None, note=""):
        self.events.append(
            (
                self.ids.take("cases_caseevent"),
                self.case_id,
                kind,
                when,
                actor,
                js(data or {}),
                note,
            )
        )

    def ask(self, t, by, text, *, asked, due, answered):
        """A request for information on task ``t`` and its event; returns its id."""
        req_id = self.ids.take("cases_informationrequest")
        self.rows["cases_informationrequest"].append(
            (req_id, t["id"], text, due, by, asked, answered, asked)
        )
        data = {"task": t["id"], "department": self.gen.dept_code[t["dept"]], "request": req_id}
        self.event("information_requested", asked, by, data, text)
        return req_id

    def new_task(self, kind, dept, cs_id, target_days, target_unit, created, duration_days):
        task_id = self.ids.take("cases_departmenttask")
        done_at = created + timedelta(days=duration_days)
        done = done_at < self.now
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

    def duration_for(self, target_days, target_unit):
        rng = self.rng
        base = target_days * (1.4 if target_unit == "business" else 1.0) if target_days else 3
        d = base * rng.uniform(0.2, 1.15)
        if rng.random() < 0.1:  # late
            d = base * rng.uniform(1.1, 2.0)
        if rng.random() < 0.004:  # stuck
            d = rng.uniform(200, 900)
        return max(0.05, d)
