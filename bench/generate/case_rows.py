"""One generated case with everything that hangs off it (a part of ``Generator``)."""

from __future__ import annotations

from datetime import timedelta

from .constants import BIG_MARK, COPENHAGEN, DESCRIPTIONS, MEDIUM_MARK, STATEMENTS
from .database import Ids
from .helpers import js, weighted


class CaseRows:
    """Builds the rows of one case; ``Generator`` holds the state it reads."""

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
