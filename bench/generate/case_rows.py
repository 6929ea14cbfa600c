"""One generated case with everything that hangs off it (a part of ``Generator``).

The steps live in ``case_flow`` (services, first events, KES and routing) and
``case_tasks`` (task rows, decisions, letters); they share a ``CaseDraft``.
"""

from __future__ import annotations

from datetime import timedelta

from .case_draft import CaseDraft
from .case_flow import first_events, flow, pick_codes, service_rows
from .case_tasks import letter_rows, task_rows
from .constants import BIG_MARK, DESCRIPTIONS, MEDIUM_MARK
from .database import Ids
from .helpers import weighted


class CaseRows:
    """Builds the rows of one case; ``Generator`` holds the state it reads."""

    def make_case(self, i, received, reference, is_demo, rows, ids: Ids):
        rng = self.rng
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
        draft = CaseDraft(self, rows, ids, ids.take("cases_case"), received)
        draft.track, draft.channel = track, channel
        draft.submitted_by, draft.assisted_by = submitted_by, assisted_by
        draft.codes, draft.complexity = pick_codes(self, track)
        star_requested = track == "star_meeting" and draft.complexity != "joint"
        help_requested = track == "assisted" and rng.random() < 0.3

        service_rows(draft)
        first_events(draft)
        receipt_at = draft.at + timedelta(minutes=rng.randint(1, 10))
        flow(draft)
        task_rows(draft)
        letter_rows(draft, language, receipt_at)

        description = rng.choice(DESCRIPTIONS)
        target_events = None
        if i == self.medium_idx:
            description, target_events = MEDIUM_MARK, 20
        elif i == self.big_idx:
            description, target_events = BIG_MARK, 2000
        if target_events:
            self.extra_events(
                draft.case_id,
                target_events - (len(draft.events) - draft.first_event),
                draft.at,
                submitted_by,
                draft.tasks,
                rows,
                ids,
                draft.event,
            )

        rows["cases_case"].append(
            (
                draft.case_id,
                reference,
                business,
                channel,
                track,
                draft.complexity,
                draft.status,
                description,
                star_requested,
                help_requested,
                received,
                received,
                draft.closed_at,
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
