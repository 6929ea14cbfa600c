"""Reads for the staff case list, the staff case page and the case's full audit trail.

They run a constant number of queries whatever the number of cases, tasks, messages,
documents, notes and events: counts and deadlines are annotated, everything a case page
shows is prefetched once and grouped in Python. The case page's timeline holds only the
latest ``TIMELINE_LATEST`` events and leaves out the staff views; the audit-trail page
lists every event, a page at a time. Messages and internal notes are the same: the case page
shows the latest ``LATEST_MESSAGES`` / ``LATEST_NOTES`` (and every answer to a request for
information, under its request), their own pages list them all.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..constants import (
    OPEN_TASK_STATUSES,
    CaseStatus,
    Channel,
    Complexity,
    EventKind,
    LetterKind,
    Outcome,
    ShownTopic,
    TaskKind,
    Track,
)
from ..models import (
    Business,
    Case,
    CaseDocument,
    CaseEvent,
    CaseMessage,
    CaseService,
    DepartmentTask,
    InformationRequest,
    InternalNote,
)
from ..validators import normalise_cvr
from .core import answer_rows, cases_visible_to
from .work import tasks_visible_to

# The audit trail quotes a note (the text of a request, a KES note) up to this length.
NOTE_CHARS = 200
# The case page shows this many of the latest events; the audit-trail page has them all.
TIMELINE_LATEST = 50
AUDIT_PAGE_SIZE = 50
# The case page shows this many of the latest messages and notes; their pages have them all.
LATEST_MESSAGES = 20
LATEST_NOTES = 20
LIST_PAGE_SIZE = 50
_OPEN = Q(tasks__status__in=OPEN_TASK_STATUSES)


def staff_cases(user, *, q: str = "", status: str = "", track: str = "") -> QuerySet[Case]:
    """The cases a staff member may see, filtered, newest received first: what the list
    counts and pages through, without the joins and counts its rows show
    (``staff_case_rows``). The order is that of the index ``cases_case_received``."""
    cases = cases_visible_to(Case.objects.all(), user)
    q = (q or "").strip()
    if q:
        # References are upper case (KES-2026-000123): a case-sensitive prefix match of the
        # upper-cased text uses the reference's pattern index; the business name is matched
        # by the trigram index on UPPER(name). One UNION of the two sources of ids.
        businesses = Q(name__icontains=q)
        cvr = normalise_cvr(q)
        if cvr.isdigit():
            businesses |= Q(cvr=cvr)
        by_reference = Case.objects.filter(reference__startswith=q.upper())
        by_business = Case.objects.filter(business__in=Business.objects.filter(businesses))
        ids = by_reference.order_by().values("pk").union(by_business.order_by().values("pk"))
        cases = cases.filter(pk__in=ids)
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    if track in Track.values:
        cases = cases.filter(track=track)
    return cases.order_by("-received_at", "-pk")


def staff_case_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The list's rows of ``cases`` (one page of ``staff_cases``), newest received first,
    each with its business, the count of open tasks and the earliest open deadline."""
    return (
        cases.select_related("business")
        .annotate(
            open_tasks=Count("tasks", filter=_OPEN),
            next_deadline=Min("tasks__deadline", filter=_OPEN),
        )
        .order_by("-received_at", "-pk")
    )


def staff_case_list(user, *, q: str = "", status: str = "", track: str = "") -> QuerySet[Case]:
    """The cases a staff member may see, filtered, as rows of the list (all of them: the
    list view pages ``staff_cases`` and loads only the shown page's rows)."""
    return staff_case_rows(staff_cases(user, q=q, status=status, track=track))


@dataclass
class StaffCasePage:
    """A case and what its staff page shows, loaded in a fixed number of queries."""

    case: Case
    services: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    letters: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    events: list = field(default_factory=list)
    event_count: int = 0
    message_count: int = 0
    note_count: int = 0
    track_overrides: list = field(default_factory=list)
    shown_topics: list = field(default_factory=list)
    immediate_answer: object = None
    satisfaction: object = None


def _staff_case_queryset(viewer) -> QuerySet[Case]:
    # Whether the viewer may open each task, by the task page's own rule, in the same query.
    openable = tasks_visible_to(DepartmentTask.objects.filter(pk=OuterRef("pk")), viewer)
    tasks = (
        DepartmentTask.objects.select_related(
            "department", "assignee", "case_service__service", "decision__decided_by"
        )
        .annotate(may_open=Exists(openable))
        .prefetch_related(
            Prefetch(
                "information_requests",
                queryset=InformationRequest.objects.select_related("requested_by"),
            )
        )
    )
    return (
        Case.objects.select_related(
            "business",
            "submitted_by",
            "assisted_by",
            "immediate_answer__answered_by",
            "satisfaction",
        )
        .annotate(
            # The totals behind "show all": scalar subqueries on the case's indexes, no join.
            event_total=_total(CaseEvent),
            message_total=_total(CaseMessage),
            note_total=_total(InternalNote),
        )
        .prefetch_related(
            Prefetch(
                "services",
                queryset=CaseService.objects.select_related("service").prefetch_related(
                    "departments", "service__questions__choices"
                ),
            ),
            "reasons",
            "departments",
            Prefetch("tasks", queryset=tasks.order_by("created_at", "pk")),
            # The documents not sent with a message; a message's own come with the message.
            Prefetch(
                "documents",
                queryset=CaseDocument.objects.filter(message__isnull=True).select_related(
                    "uploaded_by", "service"
                ),
            ),
            "letters",
        )
    )


def _total(model) -> Coalesce:
    rows = model.objects.filter(case=OuterRef("pk")).order_by().values("case")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def _messages() -> QuerySet[CaseMessage]:
    documents = CaseDocument.objects.select_related("uploaded_by", "service")
    return CaseMessage.objects.select_related("author").prefetch_related(
        Prefetch("documents", queryset=documents, to_attr="attached")
    )


def _notes() -> QuerySet[InternalNote]:
    return InternalNote.objects.select_related("author", "task__department")


def _latest(rows: QuerySet, case: Case, count: int) -> QuerySet:
    """The ``count`` latest of ``rows`` on ``case`` (a sliced subquery of ids)."""
    latest = rows.model.objects.filter(case=case).order_by("-created_at", "-pk")[:count]
    return rows.filter(pk__in=latest.values("pk"))


def _newest_first(events: QuerySet[CaseEvent]) -> QuerySet[CaseEvent]:
    # ORDER BY at DESC, id DESC: the order of the indexes cases_event_trail/_timeline.
    return events.select_related("actor").order_by("-at", "-id")


def _timeline(case: Case) -> list[CaseEvent]:
    """The latest events of ``case`` without the staff views, newest first (one query,
    served by the partial index ``cases_event_timeline``)."""
    events = CaseEvent.objects.filter(case=case).exclude(kind=EventKind.CASE_VIEWED)
    return list(_newest_first(events)[:TIMELINE_LATEST])


def case_for_staff_page(case: Case, *, viewer) -> StaffCasePage:
    """Everything the staff case page shows about ``case`` to ``viewer``; each task carries
    ``may_open``: whether ``viewer`` may open its task page (``tasks_visible_to``)."""
    case = _staff_case_queryset(viewer).get(pk=case.pk)
    services = list(case.services.all())
    for row in services:
        row.answer_rows = answer_rows(row)
    # The latest messages and, however old, every answer to a request (shown under it).
    latest = _latest(CaseMessage.objects.all(), case, LATEST_MESSAGES).values("pk")
    shown = list(
        _messages()
        .filter(case=case)  # first, so that the case's index finds the rows (OR needs it)
        .filter(Q(pk__in=latest) | Q(information_request__isnull=False))
        .order_by("created_at", "pk")
    )
    # Every message not among the latest is older than they are: they are the last ones.
    messages = shown[-LATEST_MESSAGES:]
    answers = defaultdict(list)
    for message in shown:
        if message.information_request_id:
            answers[message.information_request_id].append(message)
    tasks = list(case.tasks.all())
    for task in tasks:
        task.decision_made = getattr(task, "decision", None)
        task.requests = list(task.information_requests.all())
        for request in task.requests:
            request.answer_messages = answers[request.pk]
    events = _timeline(case)
    # Every override, however old: the facts show them all, the timeline only the latest.
    overrides = list(
        CaseEvent.objects.filter(case=case, kind=EventKind.TRACK_OVERRIDDEN)
        .select_related("actor")
        .order_by("at", "id")
    )
    summaries = _Summaries(case, tasks, services, [*events, *overrides])
    for event in (*events, *overrides):
        event.summary = summaries.of(event)
    return StaffCasePage(
        case=case,
        services=services,
        tasks=tasks,
        requests=sorted(
            (request for task in tasks for request in task.requests),
            key=lambda request: (request.requested_at, request.pk),
        ),
        messages=messages,
        documents=list(case.documents.all()),
        letters=list(case.letters.all()),
        notes=list(_latest(_notes(), case, LATEST_NOTES).order_by("created_at", "pk")),
        events=events,
        event_count=case.event_total,
        message_count=case.message_total,
        note_count=case.note_total,
        track_overrides=overrides,
        shown_topics=[_label(ShownTopic, code) for code in case.shown_topics or ()],
        immediate_answer=getattr(case, "immediate_answer", None),
        satisfaction=getattr(case, "satisfaction", None),
    )


def case_messages_page(case: Case, *, number) -> Page:
    """One page of every message on ``case``, oldest first, each with its documents
    (``attached``): a count, the page's messages, their documents."""
    rows = _messages().filter(case=case).order_by("created_at", "pk")
    return Paginator(rows, LIST_PAGE_SIZE).get_page(number)


def case_notes_page(case: Case, *, number) -> Page:
    """One page of every internal note on ``case``, oldest first."""
    rows = _notes().filter(case=case).order_by("created_at", "pk")
    return Paginator(rows, LIST_PAGE_SIZE).get_page(number)


def case_audit_page(case: Case, *, number) -> Page:
    """One page of the full audit trail of ``case``, staff views included, newest first:
    a count and one ``LIMIT``/``OFFSET`` query on ``cases_event_trail``, then the few
    queries the describer needs for names; each event carries ``summary``."""
    trail = _newest_first(CaseEvent.objects.filter(case=case))
    page = Paginator(trail, AUDIT_PAGE_SIZE).get_page(number)
    page.object_list = events = list(page.object_list)
    named = Case.objects.prefetch_related(
        "departments",
        Prefetch("tasks", queryset=DepartmentTask.objects.select_related("department", "assignee")),
        Prefetch("services", queryset=CaseService.objects.select_related("service")),
    ).select_related("submitted_by", "assisted_by")
    case = named.get(pk=case.pk)
    summaries = _Summaries(case, list(case.tasks.all()), list(case.services.all()), events)
    for event in events:
        event.summary = summaries.of(event)
    return page


def _label(choices, value) -> str:
    if value in (None, ""):
        return "–"
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


class _Summaries:
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
                _("Channel: %(channel)s.") % {"channel": _label(Channel, data.get("channel"))}
            )
            if data.get("assisted_by"):
                parts.append(_("Assisted by %(name)s.") % {"name": self._user(data["assisted_by"])})
        elif kind == EventKind.CLASSIFIED:
            parts.append(
                _("Track: %(track)s; complexity: %(complexity)s.")
                % {
                    "track": _label(Track, data.get("track")),
                    "complexity": _label(Complexity, data.get("complexity")),
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
            parts.append(_label(TaskKind, data.get("task_kind")) + ".")
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
            parts.append(_("Outcome: %(outcome)s.") % {"outcome": _label(Outcome, data["outcome"])})
        elif kind == EventKind.MESSAGE_SENT:
            parts.append(
                _("From the business.") if data.get("from_business") else _("To the business.")
            )
        elif kind in (EventKind.LETTER_DOWNLOADED, EventKind.LETTER_SENT) and data.get("kind"):
            parts.append(_label(LetterKind, data["kind"]) + ".")
        elif kind == EventKind.SATISFACTION_GIVEN and data.get("score"):
            parts.append(_("Score %(score)s of 5.") % {"score": data["score"]})
        elif kind == EventKind.TRACK_OVERRIDDEN:
            tracks = {"old": _label(Track, data.get("from")), "new": _label(Track, data.get("to"))}
            parts.append(_("From %(old)s to %(new)s.") % tracks)
        if event.note and kind != EventKind.NOTE_ADDED:
            parts.append(Truncator(event.note).chars(NOTE_CHARS))
        return " ".join(part for part in parts if part)
