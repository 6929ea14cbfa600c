"""The service-target sweep (beat, every ``KES_SLA_SWEEP_MINUTES``): set-based.

Each batch (500 due rows) is one transaction: the rows are locked ``SKIP LOCKED``, then a
constant number of statements writes everything the batch causes, whatever its size:
the recipients (one query per role), the in-portal notices (one insert, keys
``sla.<milestone>:<task>:<user>``), their e-mails as outbox rows (one insert ``ON CONFLICT
DO NOTHING``), the pilot's follow-ups on a warning (one insert, one read of their ids), the
audit events (one insert) and the mark on the rows (one update). The keys and the marks
make every milestone notified once per task, even when two sweeps run at the same time.

Recipients: a warning goes to the task's caseworker, or to the department's caseworkers
while nobody has taken it, and, on a pilot case, to the pilot as a follow-up task; a breach
goes to the department's leads, KES staff and the case's pilot. A lapsed request reminds
the business (its language, through the outbox) at the first lapse and once more
``KES_LAPSE_SECOND_REMINDER_DAYS`` business days later, then as long again later the
caseworker is told (a notice and an e-mail).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kes.models import Notice
from kes.services import notices_add, notifications_add_many
from routing.calendar import local_date
from routing.sla import BREACH, WARNING, lapse_cutoff

from ..constants import EventKind, FollowUpSource, NotificationKind
from ..models import CaseEvent, DepartmentTask, FollowUp, InformationRequest
from . import selectors

NOTICE_WARNING = "cases.sla_warning"
NOTICE_BREACH = "cases.sla_breach"
NOTICE_LAPSED = "cases.request_lapsed"

Recipient = tuple[int, str, str]  # user id, e-mail, language


@dataclass
class SweepResult:
    warnings: int = 0
    breaches: int = 0
    reminders: int = 0
    told: int = 0
    batches: int = 0
    notices: int = field(default=0)


def _task_urls():
    """The task page's path for a task id, reversed once per batch (not per notice)."""
    with translation.override(settings.LANGUAGE_CODE):
        sample = reverse("task_detail", args=[987654321])
    head, tail = sample.split("987654321")
    return lambda task_id: f"{head}{task_id}{tail}"


def _notify(kind: str, items: Iterable[tuple[str, Recipient, dict]], now) -> int:
    """Notices and their e-mails for (key, recipient, payload) items: two inserts."""
    notices, mails, seen = [], [], set()
    task_url = _task_urls()
    for key, (user_id, email, language), payload in items:
        if key in seen:
            continue
        seen.add(key)
        url = task_url(payload["task"])
        notices.append(
            Notice(
                recipient_id=user_id, kind=kind, key=key, payload=payload, url=url, created_at=now
            )
        )
        if email:
            mails.append(
                {
                    "kind": NotificationKind.STAFF_NOTICE,
                    "key": key,
                    "language": language or settings.LANGUAGE_CODE,
                    "recipient": email,
                    "payload": {"notice": key},
                }
            )
    notices_add(notices=notices)
    notifications_add_many(rows=mails)
    return len(notices)


def _payload(row: dict, milestone: str) -> dict:
    return {
        "task": row["id"],
        "case": row["case_id"],
        "reference": row["case__reference"],
        "milestone": milestone,
        "deadline": row["deadline"].isoformat() if row["deadline"] else None,
        "warning_on": row["warning_on"].isoformat() if row["warning_on"] else None,
    }


def _pilot_follow_ups(rows: list[dict], today: date, now) -> list[CaseEvent]:
    """The pilot's follow-up on each pilot case's warned task, keyed like
    ``follow_up_create``'s (``sla.warning:<task>``) so either writes it once; returns the
    follow-ups' events for the batch's one insert of events."""
    pilot_rows = [row for row in rows if row["case__pilot_id"]]
    if not pilot_rows:
        return []
    keys = {f"sla.warning:{row['id']}": row for row in pilot_rows}
    text = _(
        "A task on this case has used most of its service target: follow up with the department."
    )
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                case_id=row["case_id"],
                task_id=row["id"],
                assignee_id=row["case__pilot_id"],
                source=FollowUpSource.MILESTONE,
                text=text,
                due_on=row["deadline"] or today,
                key=key,
                created_at=now,
            )
            for key, row in keys.items()
        ],
        ignore_conflicts=True,
    )
    created = FollowUp.objects.filter(key__in=list(keys), created_at=now).values_list("pk", "key")
    return [
        CaseEvent(
            case_id=keys[key]["case_id"],
            kind=EventKind.FOLLOW_UP_CREATED,
            at=now,
            data={
                "follow_up": pk,
                "task": keys[key]["id"],
                "due_on": (keys[key]["deadline"] or today).isoformat(),
                "source": FollowUpSource.MILESTONE,
            },
        )
        for pk, key in created
    ]


def _warning_batch(rows: list[dict], today: date, now) -> int:
    unassigned = {row["department_id"] for row in rows if row["assignee_id"] is None}
    caseworkers = selectors.caseworkers_of(unassigned) if unassigned else {}
    items = []
    for row in rows:
        if row["assignee_id"] is not None:
            people = [(row["assignee_id"], row["assignee__email"], row["assignee__language"])]
        else:
            people = caseworkers.get(row["department_id"], [])
        payload = _payload(row, WARNING)
        items.extend((f"sla.warning:{row['id']}:{p[0]}", p, payload) for p in people)
    notices = _notify(NOTICE_WARNING, items, now)
    events = _pilot_follow_ups(rows, today, now)
    events += [_milestone_event(row, EventKind.SLA_WARNING, now) for row in rows]
    CaseEvent.objects.bulk_create(events)
    DepartmentTask.objects.filter(pk__in=[row["id"] for row in rows]).update(warned_at=now)
    return notices


def _breach_batch(rows: list[dict], today: date, now) -> int:
    leads = selectors.leads_of({row["department_id"] for row in rows})
    kes = selectors.kes_staff()
    items = []
    for row in rows:
        people = [*leads.get(row["department_id"], []), *kes]
        if row["case__pilot_id"]:
            people.append(
                (row["case__pilot_id"], row["case__pilot__email"], row["case__pilot__language"])
            )
        payload = _payload(row, BREACH)
        items.extend((f"sla.breach:{row['id']}:{p[0]}", p, payload) for p in people)
    notices = _notify(NOTICE_BREACH, items, now)
    CaseEvent.objects.bulk_create(
        [_milestone_event(row, EventKind.SLA_BREACHED, now) for row in rows]
    )
    DepartmentTask.objects.filter(pk__in=[row["id"] for row in rows]).update(breached_at=now)
    return notices


def _milestone_event(row: dict, kind: str, now) -> CaseEvent:
    return CaseEvent(
        case_id=row["case_id"],
        kind=kind,
        at=now,
        data={
            "task": row["id"],
            "deadline": row["deadline"].isoformat() if row["deadline"] else None,
        },
    )


def _lapse_batch(rows: list[dict], today: date, now) -> tuple[int, int]:
    remind = [row for row in rows if row["reminders_sent"] < 2]
    tell = [row for row in rows if row["reminders_sent"] >= 2]
    mails = [
        {
            "kind": NotificationKind.INFORMATION_REMINDER,
            "key": f"{NotificationKind.INFORMATION_REMINDER}:{row['id']}:"
            f"{row['reminders_sent'] + 1}",
            "language": row["task__case__language"] or row["task__case__business__language"],
            "recipient": row["task__case__business__email"],
            "payload": {
                "case": row["task__case_id"],
                "pk": row["id"],
                "reminder": row["reminders_sent"] + 1,
            },
        }
        for row in remind
    ]
    notifications_add_many(rows=mails)
    items = []
    for row in tell:
        person = (
            row["task__assignee_id"],
            row["task__assignee__email"],
            row["task__assignee__language"],
        )
        payload = {
            "task": row["task_id"],
            "case": row["task__case_id"],
            "reference": row["task__case__reference"],
            "request": row["id"],
            "due_on": row["due_on"].isoformat(),
        }
        if person[0] is not None:
            items.append((f"sla.lapsed:{row['id']}:{person[0]}", person, payload))
    _notify(NOTICE_LAPSED, items, now)
    events = [
        CaseEvent(
            case_id=row["task__case_id"],
            kind=EventKind.INFORMATION_REMINDED if row in remind else EventKind.INFORMATION_LAPSED,
            at=now,
            data={
                "task": row["task_id"],
                "request": row["id"],
                "reminder": row["reminders_sent"] + 1,
            },
        )
        for row in rows
    ]
    CaseEvent.objects.bulk_create(events)
    if remind:
        InformationRequest.objects.filter(pk__in=[row["id"] for row in remind]).update(
            reminders_sent=F("reminders_sent") + 1, last_reminded_on=today
        )
    if tell:
        InformationRequest.objects.filter(pk__in=[row["id"] for row in tell]).update(
            caseworker_told_at=now
        )
    return len(remind), len(tell)


def _batches(select, handle, result: SweepResult, counter: str, *, batch: int) -> None:
    while True:
        with transaction.atomic():
            now = timezone.now()
            rows = select(now, batch)
            if not rows:
                return
            outcome = handle(rows, local_date(now), now)
            result.batches += 1
            if counter == "lapses":
                reminded, told = outcome
                result.reminders += reminded
                result.told += told
            else:
                setattr(result, counter, getattr(result, counter) + len(rows))
                result.notices += outcome
        if len(rows) < batch:
            return


def sla_sweep(*, batch: int = selectors.BATCH) -> SweepResult:
    """Notify every milestone and lapse that has come, once; batches of ``batch`` rows,
    each in its own transaction (so a long sweep holds no lock for long)."""
    result = SweepResult()
    days = settings.KES_LAPSE_SECOND_REMINDER_DAYS
    names = settings.KES_CLOSING_DAYS

    def warnings(now, size):
        return selectors.warnings_due(today=local_date(now), batch=size)

    def breaches(now, size):
        return selectors.breaches_due(today=local_date(now), batch=size)

    def lapses(now, size):
        today = local_date(now)
        return selectors.lapses_due(
            today=today,
            second_by=lapse_cutoff(today, days, closing_days=names),
            tell_by=lapse_cutoff(today, 2 * days, closing_days=names),
            batch=size,
        )

    _batches(warnings, _warning_batch, result, "warnings", batch=batch)
    _batches(breaches, _breach_batch, result, "breaches", batch=batch)
    _batches(lapses, _lapse_batch, result, "lapses", batch=batch)
    return result
