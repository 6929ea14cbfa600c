"""The service-target sweep (beat, every ``KES_SLA_SWEEP_MINUTES``): set-based.

Batches are of ``selectors.BATCH`` due tasks (the first of each pass share one transaction,
later ones have their own). Its one write per task is the
milestone's row (``milestones.milestones_reach``: one statement that finds the due tasks,
records their milestone once and hands back the new ones grouped by department, caseworker
and pilot). Everything else the batch causes is per recipient, not per task: one in-portal
notice listing the recipient's tasks of the batch (key ``sla.<milestone>.batch:<user>:<first
task>``), one e-mail beside it (an outbox row), and on a warned pilot case the pilot's
follow-up. The case's history shows the milestone from its row (no second audit row).

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
from routing.constants import MembershipRole
from routing.models import DepartmentMembership
from routing.sla import lapse_cutoff

from ..constants import EventKind, Milestone, NotificationKind
from ..models import CaseEvent, InformationRequest
from . import selectors, writes
from .milestones import Reached, milestones_reach

NOTICE_WARNING = "cases.sla_warning"
NOTICE_BREACH = "cases.sla_breach"
NOTICE_LAPSED = "cases.request_lapsed"
# A notice of several tasks names this many (their ids in its payload) and counts the rest:
# the recipient's list of them is the inbox or the queue, not a copy in every notice.
NAMED_TASKS = 5

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


def _notices_write(kind: str, rows: Iterable[tuple[int, str, dict, int]], now) -> int:
    """Write the notices (recipient id, key, payload, the task the notice links to), a key
    once, and an e-mail per recipient for the new ones; returns how many were written."""
    head, tail = _task_urls()
    notices, seen = [], set()
    for user_id, key, payload, task_id in rows:
        if key not in seen:
            seen.add(key)
            notices.append(
                Notice(
                    recipient_id=user_id,
                    kind=kind,
                    key=key,
                    payload=payload,
                    url=f"{head}{task_id}{tail}",
                    created_at=now,
                )
            )
    created = notices_add(notices=notices)
    _mail_digests(kind, created)
    return len(created)


def _notify(kind: str, items: Iterable[tuple[str, Recipient, dict]], now) -> int:
    """Notices and their e-mails for (key, recipient, payload) items (the lapses, a few
    rows a day)."""
    rows = [(person[0], key, payload, payload["task"]) for key, person, payload in items]
    return _notices_write(kind, rows, now)


def _members(departments, role: str) -> dict[int, list[int]]:
    """The active members of ``role`` of each department: {department id: [user ids]}."""
    members: dict[int, list[int]] = defaultdict(list)
    rows = DepartmentMembership.objects.filter(
        department_id__in=departments, role=role, user__is_active=True
    ).values_list("department_id", "user_id")
    for department, user in rows:
        members[department].append(user)
    return members


def _milestone_notices(milestone: str, kind: str, by_user: dict[int, set[int]], now) -> int:
    """One notice per recipient listing their tasks of the batch, and its e-mail; returns
    how many were written. The key holds the recipient's first task: a task reaches a
    milestone once, so it is unique. Its ``.batch`` prefix keeps it apart from the keys of
    the per-task notices written before (``sla.<milestone>:<task>:<user>``), which the same
    numbers in the other order would otherwise collide with and silently skip."""
    rows = []
    for user_id, task_ids in by_user.items():
        ids = sorted(task_ids)
        payload = {"tasks": ids[:NAMED_TASKS], "count": len(ids), "milestone": milestone}
        rows.append((user_id, f"sla.{milestone}.batch:{user_id}:{ids[0]}", payload, ids[0]))
    return _notices_write(kind, rows, now)


def _warning_batch(reached: Reached, today: date, now) -> int:
    unassigned = {department for department, assignee, _pilot in reached.groups if not assignee}
    caseworkers = _members(unassigned, MembershipRole.CASEWORKER) if unassigned else {}
    by_user: dict[int, set[int]] = defaultdict(set)
    on_pilot_cases = []
    for (department, assignee, pilot), ids in reached.groups.items():
        for user_id in [assignee] if assignee else caseworkers.get(department, []):
            by_user[user_id].update(ids)
        if pilot:
            on_pilot_cases += ids
    if on_pilot_cases:
        text = _(
            "A task on this case has used most of its service target: follow up with the "
            "department."
        )
        writes.pilot_follow_ups(ids=on_pilot_cases, text=text, today=today, now=now)
    return _milestone_notices(Milestone.WARNING, NOTICE_WARNING, by_user, now)


def _breach_batch(reached: Reached, today: date, now) -> int:
    leads = _members({department for department, _a, _p in reached.groups}, MembershipRole.LEAD)
    kes = list(
        get_user_model()
        .objects.filter(groups__name=ROLE_GROUPS[Role.KES_STAFF], is_active=True)
        .values_list("pk", flat=True)
    )
    by_user: dict[int, set[int]] = defaultdict(set)
    for (department, _assignee, pilot), ids in reached.groups.items():
        for user_id in [*leads.get(department, []), *kes, *([pilot] if pilot else [])]:
            by_user[user_id].update(ids)
    return _milestone_notices(Milestone.BREACH, NOTICE_BREACH, by_user, now)


def _milestone_pass(milestone: str, handle, counter: str):
    """One batch of ``milestone``'s pass; True while it may have more to do."""

    def one_batch(result: SweepResult, now, today: date, batch: int) -> bool:
        reached = milestones_reach(milestone=milestone, today=today, now=now, batch=batch)
        if reached.due:
            result.batches += 1
        if reached.groups:
            setattr(result, counter, getattr(result, counter) + reached.count)
            result.notices += handle(reached, today, now)
        # A batch full of tasks another sweep holds reaches nothing new: go on past them.
        return reached.due >= batch

    return one_batch


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


def _lapse_pass(result: SweepResult, now, today: date, batch: int) -> bool:
    """One batch of lapsed requests; True while there may be more."""
    days, names = settings.KES_LAPSE_SECOND_REMINDER_DAYS, settings.KES_CLOSING_DAYS
    rows = selectors.lapses_due(
        today=today,
        second_by=lapse_cutoff(today, days, closing_days=names),
        tell_by=lapse_cutoff(today, 2 * days, closing_days=names),
        batch=batch,
    )
    if not rows:
        return False
    reminded, told = _lapse_batch(rows, today, now)
    result.batches += 1
    result.reminders += reminded
    result.told += told
    return len(rows) >= batch


def sla_sweep(*, batch: int = selectors.BATCH) -> SweepResult:
    """Notify every milestone and lapse that has come, once, in batches of ``batch`` rows.

    The first batch of each pass (warnings, breaches, lapses) share one transaction, so a
    sweep with less than a batch of each to do is one; a pass that filled its batch goes on
    in further transactions (so a long sweep holds no lock for long)."""
    result = SweepResult()
    passes = [
        _milestone_pass(Milestone.WARNING, _warning_batch, "warnings"),
        _milestone_pass(Milestone.BREACH, _breach_batch, "breaches"),
        _lapse_pass,
    ]
    while passes:
        with transaction.atomic():
            now = timezone.now()
            today = local_date(now)
            passes = [one_batch for one_batch in passes if one_batch(result, now, today, batch)]
    return result
