"""The service-target sweep (beat, every ``KES_SLA_SWEEP_MINUTES``): set-based.

Each batch (``selectors.BATCH`` due rows) is one transaction: the rows' ids are locked
``SKIP LOCKED``, then a constant number of ``INSERT … SELECT`` statements (``writes``) lets
the database build everything the batch causes from those ids, whatever its size: the
in-portal notices
(keys ``sla.<milestone>:<task>:<user>``), the pilot's follow-ups on a warning and their
events, the audit events, then one e-mail per recipient listing their new notices (an
outbox row, not one per task) and the mark on the rows. The keys and the marks make every
milestone notified once per task, even when two sweeps run at the same time.

Recipients: a warning goes to the task's caseworker, or to the department's caseworkers
while nobody has taken it, and, on a pilot case, to the pilot as a follow-up task; a breach
goes to the department's leads, KES staff and the case's pilot. A lapsed request reminds
the business (its language, through the outbox) at the first lapse and once more
``KES_LAPSE_SECOND_REMINDER_DAYS`` business days later, then as long again later the
caseworker is told (a notice and an e-mail).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kes.constants import ROLE_GROUPS, Role
from kes.models import Notice
from kes.services import notices_add, notifications_add_many
from routing.calendar import local_date
from routing.sla import lapse_cutoff

from ..constants import EventKind, NotificationKind
from ..models import CaseEvent, DepartmentTask, InformationRequest
from . import selectors, writes

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


def _task_urls() -> tuple[str, str]:
    """The task page's path around a task id, reversed once per batch (not per notice)."""
    with translation.override(settings.LANGUAGE_CODE):
        sample = reverse("task_detail", args=[987654321])
    head, tail = sample.split("987654321")
    return head, tail


def _mail_digests(kind: str, created: list[tuple[int, int]]) -> None:
    """One e-mail per recipient for the batch's new notices (``created``: notice id,
    recipient id), not one per task: a caseworker whose twenty tasks cross their warning in
    one sweep gets one mail listing them. Keyed by the recipient's first new notice."""
    by_user: dict[int, list[int]] = defaultdict(list)
    for notice_id, user_id in created:
        by_user[user_id].append(notice_id)
    if not by_user:
        return
    people = get_user_model().objects.filter(pk__in=list(by_user)).exclude(email="")
    mails = [
        {
            "kind": NotificationKind.STAFF_NOTICE,
            "key": f"{kind}.mail:{user_id}:{min(by_user[user_id])}",
            "language": language or settings.LANGUAGE_CODE,
            "recipient": email,
            "payload": {"notices": sorted(by_user[user_id])},
        }
        for user_id, email, language in people.values_list("pk", "email", "language")
    ]
    notifications_add_many(rows=mails)


def _notify(kind: str, items: Iterable[tuple[str, Recipient, dict]], now) -> int:
    """Notices and their e-mails for (key, recipient, payload) items (the lapses, a few
    rows a day): two inserts."""
    notices, seen = [], set()
    head, tail = _task_urls()
    for key, (user_id, _email, _language), payload in items:
        if key in seen:
            continue
        seen.add(key)
        url = f"{head}{payload['task']}{tail}"
        notices.append(
            Notice(
                recipient_id=user_id, kind=kind, key=key, payload=payload, url=url, created_at=now
            )
        )
    notices_add(notices=notices)
    keys = [notice.key for notice in notices]
    new = Notice.objects.filter(key__in=keys, created_at=now).values_list("pk", "recipient_id")
    _mail_digests(kind, list(new))
    return len(notices)


def _warning_batch(ids: list[int], today: date, now) -> int:
    created = writes.warning_notices(ids=ids, kind=NOTICE_WARNING, url=_task_urls(), now=now)
    _mail_digests(NOTICE_WARNING, created)
    text = _(
        "A task on this case has used most of its service target: follow up with the department."
    )
    writes.pilot_follow_ups(ids=ids, text=text, today=today, now=now)
    writes.milestone_events(ids=ids, kind=EventKind.SLA_WARNING, now=now)
    DepartmentTask.objects.filter(pk__in=ids).update(warned_at=now)
    return len(created)


def _breach_batch(ids: list[int], today: date, now) -> int:
    created = writes.breach_notices(
        ids=ids,
        kind=NOTICE_BREACH,
        url=_task_urls(),
        now=now,
        kes_group=ROLE_GROUPS[Role.KES_STAFF],
    )
    _mail_digests(NOTICE_BREACH, created)
    writes.milestone_events(ids=ids, kind=EventKind.SLA_BREACHED, now=now)
    DepartmentTask.objects.filter(pk__in=ids).update(breached_at=now)
    return len(created)


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
