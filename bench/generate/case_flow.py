"""The first part of a generated case: its services, their departments, its first events
and how far it got through KES and the departments (steps of ``CaseRows.make_case``)."""

from __future__ import annotations

from datetime import timedelta

from .case_draft import CaseDraft
from .helpers import js


def pick_codes(gen, track: str) -> tuple[list[str], str]:
    """The service codes of a case on ``track`` and its complexity."""
    rng = gen.rng
    if track == "immediate":
        count = 1 if rng.random() < 0.8 else 2
        codes: list[str] = []
        for _ in range(count):
            codes.append(gen.pick_service("immediate", set(codes)))
        return codes, "simple"
    r = rng.random()
    count = 1 if r < 0.52 else (2 if r < 0.87 else 3)
    codes = []
    if track == "pilot":
        codes.append(gen.pick_service("complex", set()))
        complexity = "complex"
    elif track == "star_meeting":
        if rng.random() < 0.5:
            codes.append(gen.pick_service("joint", set()))
        complexity = "joint" if codes else "simple"
    else:
        complexity = "simple"
    while len(codes) < count:
        codes.append(gen.pick_service("simple", set(codes)))
    return codes, complexity


def service_rows(draft: CaseDraft) -> None:
    """The case's services, their departments and the case's departments and reason."""
    gen, rows, ids, case_id = draft.gen, draft.rows, draft.ids, draft.case_id
    for position, code in enumerate(draft.codes):
        s = gen.services[code]
        cs_id = ids.take("cases_caseservice")
        draft.services.append((cs_id, code, s))
        rows["cases_caseservice"].append(
            (cs_id, case_id, s["id"], "{}", position, s["target_days"], s["target_unit"])
        )
        for dept in s["departments"]:
            rows["cases_caseservice_departments"].append(
                (ids.take("cases_caseservice_departments"), cs_id, dept)
            )
            if dept not in draft.case_departments:
                draft.case_departments.append(dept)
    for dept in draft.case_departments:
        rows["cases_case_departments"].append((ids.take("cases_case_departments"), case_id, dept))
    track = draft.track
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


def first_events(draft: CaseDraft) -> None:
    at = draft.at
    draft.event(
        "received",
        at,
        draft.submitted_by,
        {
            "channel": draft.channel,
            "received_at": draft.received.isoformat(),
            "assisted_by": draft.assisted_by,
        },
    )
    draft.event(
        "classified",
        at,
        None,
        {
            "track": draft.track,
            "complexity": draft.complexity,
            "departments": [draft.gen.dept_code[d] for d in draft.case_departments],
            "authorities": [],
        },
    )


def answer_at_the_counter(draft: CaseDraft) -> None:
    """Settled at the counter or on the phone: closed at creation, no flow."""
    at, submitted_by = draft.at, draft.submitted_by
    draft.status, draft.closed_at = "closed", at
    draft.rows["cases_immediateanswer"].append(
        (
            draft.ids.take("cases_immediateanswer"),
            draft.case_id,
            "Svar på spørgsmål",
            "Vi har svaret på spørgsmålet med det samme.",
            js(draft.codes),
            submitted_by,
            at,
        )
    )
    draft.event(
        "answered_immediately", at, submitted_by, {"topic": "Svar", "services": draft.codes}
    )


def kes_task(draft: CaseDraft):
    """KES's own first task (answer, pilot, triage) if the track has one; returns when the
    departments can start (None while KES is not done)."""
    gen, rng, at, track = draft.gen, draft.rng, draft.at, draft.track
    kes_kind = {
        "immediate": "immediate_answer",
        "pilot": "assign_pilot",
        "star_meeting": "triage",
    }.get(track)
    draft.kes_kind = kes_kind
    if not kes_kind:
        return at
    target = 2 if kes_kind == "immediate_answer" else None
    kes = draft.new_task(kes_kind, gen.kes_id, None, target, "business", at, rng.uniform(0.1, 4))
    draft.tasks.append(kes)
    draft.event("kes_task_created", at, None, {"task": kes["id"], "task_kind": kes_kind})
    if kes["done_at"] is None:
        return None
    start = kes["done_at"]
    worker = rng.choice(gen.kes_staff)
    kes["assignee"] = worker
    if kes_kind == "immediate_answer":
        draft.rows["cases_immediateanswer"].append(
            (
                draft.ids.take("cases_immediateanswer"),
                draft.case_id,
                "Svar på spørgsmål",
                "Vi har svaret på spørgsmålet.",
                js(draft.codes),
                worker,
                start,
            )
        )
        draft.event(
            "answered_immediately",
            start,
            worker,
            {"task": kes["id"], "topic": "Svar", "services": draft.codes},
        )
    else:
        draft.event(
            "kes_task_done",
            start,
            worker,
            {"task": kes["id"], "department": "kes", "task_kind": kes_kind},
        )
    return start


def route(draft: CaseDraft, start) -> None:
    """One decision task per service and department from ``start``, and the routed event."""
    gen = draft.gen
    draft.status = "in_progress"
    routed = []
    for cs_id, _code, s in draft.services:
        for dept in s["departments"] or [gen.kes_id]:
            t = draft.new_task(
                "decision",
                dept,
                cs_id,
                s["target_days"],
                s["target_unit"],
                start,
                draft.duration_for(s["target_days"], s["target_unit"]),
            )
            draft.tasks.append(t)
            routed.append({"task": t["id"], "service": s["id"], "department": gen.dept_code[dept]})
    draft.event("routed", start, None, {"tasks": routed})


def flow(draft: CaseDraft) -> None:
    """How far the case got: KES's task, the departments' tasks, closed or not."""
    track = draft.track
    if track == "immediate" and draft.channel != "digital":
        answer_at_the_counter(draft)
        return
    start = kes_task(draft)
    if track != "immediate" and start is not None:
        route(draft, start)
    elif track != "immediate":
        draft.status = "received"
    tasks = draft.tasks
    departments_done = track == "immediate" or len(tasks) > (1 if draft.kes_kind else 0)
    if tasks and departments_done and all(t["done_at"] for t in tasks):
        closed_at = max(t["done_at"] for t in tasks) + timedelta(minutes=1)
        if closed_at < draft.now:
            draft.status = "closed"
            draft.closed_at = closed_at
