"""The later part of a generated case: its task rows with assignments, requests for
information and decisions, and its letters (steps of ``CaseRows.make_case``)."""

from __future__ import annotations

from datetime import timedelta

from .case_draft import CaseDraft
from .clock import decision_national_days, task_clock
from .constants import COPENHAGEN, STATEMENTS


def open_task(draft: CaseDraft, t, workers):
    """An open task: unassigned, in review or waiting for an answer; returns (status,
    assignee, paused_since, the time the running pause began)."""
    rng, now, gen = draft.rng, draft.now, draft.gen
    task_status, paused_since, asked = "open", None, None
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
        draft.event(
            "task_assigned",
            when,
            assignee,
            {"task": t["id"], "department": gen.dept_code[t["dept"]], "to": assignee},
        )
    if task_status == "waiting":
        asked = t["created"] + (now - t["created"]) * rng.uniform(0.5, 0.95)
        paused_since = asked.astimezone(COPENHAGEN).date()
        draft.ask(
            t,
            assignee,
            "Send venligst en målfast tegning af arealet.",
            asked=asked,
            due=paused_since + timedelta(days=14),
            answered=None,
        )
    return task_status, assignee, paused_since, asked


def answered_request(draft: CaseDraft, t, assignee) -> tuple[int, tuple]:
    """A request for information on a done task that the business answered; returns the
    days the task was paused and the pause's (asked, answered) dates."""
    asked = t["created"] + (t["done_at"] - t["created"]) * 0.3
    answered = t["created"] + (t["done_at"] - t["created"]) * 0.6
    paused_units = max(1, (answered - asked).days)
    req_id = draft.ask(
        t,
        assignee,
        "Vi mangler et foto af facaden.",
        asked=asked,
        due=asked.astimezone(COPENHAGEN).date() + timedelta(days=14),
        answered=answered,
    )
    draft.event(
        "information_answered",
        answered,
        draft.submitted_by,
        {"task": t["id"], "request": req_id},
    )
    pause = (asked.astimezone(COPENHAGEN).date(), answered.astimezone(COPENHAGEN).date())
    return paused_units, pause


def decision(draft: CaseDraft, t, assignee, paused_units, national, requests) -> None:
    """The decision row, with the statistics' columns by the rule of
    ``cases.services.decision_facts`` (``requests``: the task's, all made before)."""
    r = draft.rng.random()
    outcome = "approved" if r < 0.76 else "approved_with_conditions" if r < 0.91 else "rejected"
    dec_id = draft.ids.take("cases_decision")
    gross = max(0, (t["done_at"] - t["created"]).days)
    net = max(0, gross - paused_units)
    days, unit = t["target_days"], t["target_unit"]
    service = {cs_id: s["id"] for cs_id, _code, s in draft.services}.get(t["cs"])
    draft.rows["cases_decision"].append(
        (
            dec_id,
            t["id"],
            outcome,
            STATEMENTS[outcome],
            "Arealet skal holdes ryddeligt." if outcome == "approved_with_conditions" else "",
            "Vejloven § 80." if outcome == "rejected" else "",
            "Et mindre areal kan godkendes." if outcome == "rejected" else "",
            "",
            "Du kan klage inden 4 uger.",
            assignee,
            t["done_at"],
            gross,
            net,
            national,
            t["dept"],
            service,
            draft.case_id,
            draft.track,
            draft.channel,
            days is not None,
            days is not None and net <= (days * 7 if unit == "weeks" else days),
            requests,
        )
    )
    draft.event(
        "decided",
        t["done_at"],
        assignee,
        {
            "task": t["id"],
            "department": draft.gen.dept_code[t["dept"]],
            "outcome": outcome,
            "decision": dec_id,
        },
    )


def task_rows(draft: CaseDraft) -> None:
    """Each task's row, with its assignment, requests, clock state and decision."""
    gen, rng = draft.gen, draft.rng
    for t in draft.tasks:
        received_task_on = t["created"].astimezone(COPENHAGEN).date()
        dl = gen.deadline(received_task_on, t["target_days"], t["target_unit"])
        workers = gen.workers[t["dept"]]
        assignee = t.get("assignee")
        paused_units, paused_since, paused_at, pause = 0, None, None, None
        task_status = "done" if t["done_at"] else "open"
        completed_at = t["done_at"]
        if t["done_at"] is None:
            task_status, assignee, paused_since, paused_at = open_task(draft, t, workers)
        else:
            assignee = assignee or rng.choice(workers)
            if t["kind"] == "decision" and rng.random() < 0.08:
                paused_units, pause = answered_request(draft, t, assignee)
                if dl:
                    dl = gen.deadline(
                        received_task_on, t["target_days"] + paused_units, t["target_unit"]
                    )
        clock = task_clock(
            gen,
            t,
            status=task_status,
            received_on=received_task_on,
            deadline_on=dl,
            paused_units=paused_units,
            paused_at=paused_at,
            end_at=t["done_at"] or draft.now,
        )
        if t["done_at"] is not None and t["kind"] == "decision":
            national = decision_national_days(clock, received_task_on, t["done_at"], pause)
            decision(draft, t, assignee, paused_units, national, 1 if pause else 0)
        draft.rows["cases_departmenttask"].append(
            (
                t["id"],
                draft.case_id,
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
                clock["complete_on"],
                clock["warning_on"],
            )
        )
        draft.rows["cases_taskmilestone"].extend(
            (t["id"], milestone, reached_at) for milestone, reached_at in clock["milestones"]
        )


def letter_rows(draft: CaseDraft, language: str, receipt_at) -> None:
    """The receipt, and the decision letter of a closed case (sent unless that is still
    in the future)."""
    rng, now, ids, rows = draft.rng, draft.now, draft.ids, draft.rows
    at, closed_at, case_id = draft.at, draft.closed_at, draft.case_id
    rows["cases_letter"].append(
        (ids.take("cases_letter"), case_id, "receipt", language, "", at, receipt_at)
    )
    if draft.status != "closed":
        return
    if closed_at != at or draft.track != "immediate":
        draft.event("closed", closed_at)
    sent = closed_at + timedelta(minutes=rng.randint(1, 30))
    letter_id = ids.take("cases_letter")
    rows["cases_letter"].append(
        (letter_id, case_id, "decision", language, "", closed_at, sent if sent < now else None)
    )
    if sent < now:
        draft.event("letter_sent", sent, None, {"letter": letter_id, "kind": "decision"})
