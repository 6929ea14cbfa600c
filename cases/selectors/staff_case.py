"""Reads for the staff case page and the case's full audit trail (the list's reads are in
``staff_case_list``, the events' one-line summaries in ``event_summaries``).

They run a constant number of queries whatever the number of cases, tasks, messages,
documents, notes and events: counts and deadlines are annotated, everything a case page
shows is prefetched once and grouped in Python. The case page's timeline holds only the
latest ``TIMELINE_LATEST`` events and leaves out the staff views; the audit-trail page
lists every event, a page at a time. Both show the tasks' service-target milestones among
the events (``milestone_entries``, one query more: the case page reads no more than it
shows, an audit page those of its stretch of time, two per task at most). Messages and
internal notes are the same: the case page shows the latest ``LATEST_MESSAGES`` /
``LATEST_NOTES`` (and every answer to a request for information, under its request),
their own pages list them all.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ..constants import (
    EventKind,
    ShownTopic,
)
from ..models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseMessage,
    CaseService,
    DepartmentTask,
    InformationRequest,
    InternalNote,
)
from .core import answer_rows
from .event_summaries import EventSummaries, choice_label
from .milestone_entries import milestone_entries, with_milestones
from .work import tasks_visible_to

# The case page shows this many of the latest events; the audit-trail page has them all.
TIMELINE_LATEST = 50
AUDIT_PAGE_SIZE = 50
# The case page shows this many of the latest messages and notes; their pages have them all.
LATEST_MESSAGES = 20
LATEST_NOTES = 20
LIST_PAGE_SIZE = 50


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


def _timeline(case: Case, tasks: list[DepartmentTask]) -> list:
    """The latest events of ``case`` without the staff views and the latest milestones of
    its ``tasks``, newest first, ``TIMELINE_LATEST`` in all (two queries; the events'
    served by the partial index ``cases_event_timeline``)."""
    events = CaseEvent.objects.filter(case=case).exclude(kind=EventKind.CASE_VIEWED)
    events = list(_newest_first(events)[:TIMELINE_LATEST])
    milestones = milestone_entries(tasks, latest=TIMELINE_LATEST)
    return with_milestones(events, milestones, limit=TIMELINE_LATEST)


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
    events = _timeline(case, tasks)
    # Every override, however old: the facts show them all, the timeline only the latest.
    overrides = list(
        CaseEvent.objects.filter(case=case, kind=EventKind.TRACK_OVERRIDDEN)
        .select_related("actor")
        .order_by("at", "id")
    )
    summaries = EventSummaries(case, tasks, services, [*events, *overrides])
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
        shown_topics=[choice_label(ShownTopic, code) for code in case.shown_topics or ()],
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
    a count and one ``LIMIT``/``OFFSET`` query on ``cases_event_trail``, the milestones
    reached in the page's stretch of time, then the few queries the describer needs for
    names; each entry carries ``summary``.

    The page is counted and cut by its events; page n's stretch runs from its oldest event
    up to the previous page's oldest (read with the page: one row more), the first page's
    has no end, the last page's no start, so every milestone is on exactly one page."""
    trail = _newest_first(CaseEvent.objects.filter(case=case))
    page = Paginator(trail, AUDIT_PAGE_SIZE).get_page(number)
    start = (page.number - 1) * AUDIT_PAGE_SIZE
    events = list(trail[max(start - 1, 0) : start + AUDIT_PAGE_SIZE])
    before = events.pop(0).at if start and events else None
    named = Case.objects.prefetch_related(
        "departments",
        Prefetch("tasks", queryset=DepartmentTask.objects.select_related("department", "assignee")),
        Prefetch("services", queryset=CaseService.objects.select_related("service")),
    ).select_related("submitted_by", "assisted_by")
    case = named.get(pk=case.pk)
    tasks = list(case.tasks.all())
    since = events[-1].at if events and page.has_next() else None
    milestones = milestone_entries(tasks, since=since, before=before)
    page.object_list = entries = with_milestones(events, milestones)
    summaries = EventSummaries(case, tasks, list(case.services.all()), events)
    for entry in entries:
        entry.summary = summaries.of(entry)
    return page
