"""One short line per audit event of a case, built from the event's data with names
instead of ids (departments, services, people), for the case page's timeline and the
audit-trail page."""

from datetime import date

from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..constants import (
    Channel,
    Complexity,
    EventKind,
    LetterKind,
    Outcome,
    TaskKind,
    Track,
)

# The audit trail quotes a note (the text of a request, a KES note) up to this length.
NOTE_CHARS = 200


def choice_label(choices, value) -> str:
    """The label of ``value`` among ``choices``; the value itself when it is no longer one
    of them (an old event's data), a dash when there is none."""
    if value in (None, ""):
        return "–"
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


class EventSummaries:
    """One short line per audit event, built from its data with names instead of ids."""

    def __init__(self, case, tasks, services, events):
        self.tasks = {task.pk: task for task in tasks}
        self.departments = {d.code: d.name for d in case.departments.all()}
        self.departments.update({t.department.code: t.department.name for t in tasks})
        self.services = {row.service_id: row.service.name for row in services}
        people = [case.submitted_by, case.assisted_by, *(e.actor for e in events)]
        people += [task.assignee for task in tasks]
        self.users = {user.pk: user for user in people if user is not None}
        wanted = {
            event.data.get(key)
            for event in events
            if event.kind in (EventKind.TASK_ASSIGNED, EventKind.TASK_UNASSIGNED)
            and isinstance(event.data, dict)
            for key in ("to", "previous")
        }
        wanted = {pk for pk in wanted if isinstance(pk, int)} - set(self.users)
        # Only someone once assigned and since gone from every task needs a lookup.
        if wanted:
            self.users.update(get_user_model().objects.in_bulk(list(wanted)))

    def _department(self, data) -> str:
        code = data.get("department")
        if not code and data.get("task") in self.tasks:
            code = self.tasks[data["task"]].department.code
        return self.departments.get(code, code or "")

    def _user(self, pk) -> str:
        return _name(self.users.get(pk)) or (str(pk) if pk else "")

    def of(self, event) -> str:
        data = event.data if isinstance(event.data, dict) else {}
        kind = event.kind
        parts = []
        department = self._department(data)
        if department and kind != EventKind.ROUTED:
            parts.append(_("Department: %(name)s.") % {"name": department})
        if kind == EventKind.RECEIVED:
            parts.append(
                _("Channel: %(channel)s.") % {"channel": choice_label(Channel, data.get("channel"))}
            )
            if data.get("assisted_by"):
                parts.append(_("Assisted by %(name)s.") % {"name": self._user(data["assisted_by"])})
        elif kind == EventKind.CLASSIFIED:
            parts.append(
                _("Track: %(track)s; complexity: %(complexity)s.")
                % {
                    "track": choice_label(Track, data.get("track")),
                    "complexity": choice_label(Complexity, data.get("complexity")),
                }
            )
        elif kind == EventKind.ROUTED:
            routed = data.get("tasks") or []
            names = [
                f"{self.departments.get(item.get('department'), item.get('department'))} "
                f"({self.services.get(item.get('service'), '')})".replace(" ()", "")
                for item in routed
                if isinstance(item, dict)
            ]
            parts.append(_("Tasks for: %(names)s.") % {"names": ", ".join(names)})
        elif kind in (EventKind.DOCUMENT_UPLOADED, EventKind.DOCUMENT_DOWNLOADED):
            size = data.get("size")
            name = data.get("name", "")
            parts.append(f"{name} ({filesizeformat(size)})" if size else name)
        elif kind == EventKind.ANSWERED_IMMEDIATELY and data.get("topic"):
            parts.append(_("Topic: %(topic)s.") % {"topic": data["topic"]})
        elif kind == EventKind.RECEIPT_SENT and data.get("to"):
            parts.append(_("Sent to %(address)s.") % {"address": data["to"]})
        elif kind in (EventKind.KES_TASK_CREATED, EventKind.KES_TASK_DONE):
            parts.append(choice_label(TaskKind, data.get("task_kind")) + ".")
        elif kind in (EventKind.TASK_ASSIGNED, EventKind.TASK_UNASSIGNED):
            if kind == EventKind.TASK_ASSIGNED:
                parts.append(_("Assigned to %(name)s.") % {"name": self._user(data.get("to"))})
            if data.get("previous"):
                parts.append(
                    _("Previously with %(name)s.") % {"name": self._user(data["previous"])}
                )
        elif kind == EventKind.INFORMATION_REQUESTED and data.get("due_on"):
            due = date_format(date.fromisoformat(data["due_on"]), "DATE_FORMAT")
            parts.append(_("Answer by %(date)s.") % {"date": due})
        elif kind == EventKind.DECIDED and data.get("outcome"):
            parts.append(
                _("Outcome: %(outcome)s.") % {"outcome": choice_label(Outcome, data["outcome"])}
            )
        elif kind == EventKind.MESSAGE_SENT:
            parts.append(
                _("From the business.") if data.get("from_business") else _("To the business.")
            )
        elif kind in (EventKind.LETTER_DOWNLOADED, EventKind.LETTER_SENT) and data.get("kind"):
            parts.append(choice_label(LetterKind, data["kind"]) + ".")
        elif kind == EventKind.SATISFACTION_GIVEN and data.get("score"):
            parts.append(_("Score %(score)s of 5.") % {"score": data["score"]})
        elif kind == EventKind.TRACK_OVERRIDDEN:
            tracks = {
                "old": choice_label(Track, data.get("from")),
                "new": choice_label(Track, data.get("to")),
            }
            parts.append(_("From %(old)s to %(new)s.") % tracks)
        if event.note and kind != EventKind.NOTE_ADDED:
            parts.append(Truncator(event.note).chars(NOTE_CHARS))
        return " ".join(part for part in parts if part)
