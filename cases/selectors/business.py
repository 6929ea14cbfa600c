"""Reads for the business's own pages ("Mine sager"): its cases, and one case with
everything the business may see of it.

What staff keep to themselves (internal notes, who viewed or downloaded what, who was
assigned) is never loaded here: the timeline reads only ``BUSINESS_TIMELINE_EVENTS``.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery

from ..constants import (
    BUSINESS_TIMELINE_EVENTS,
    OPEN_TASK_STATUSES,
    CaseStatus,
    EventKind,
    LetterKind,
    Outcome,
    TaskKind,
)
from ..models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseMessage,
    CaseService,
    Decision,
    DepartmentTask,
    InformationRequest,
    Letter,
)
from .core import businesses_of
from .pilots import contact_of


def own_cases_visible_to(queryset: QuerySet, user) -> QuerySet:
    """Only the cases of the user's own businesses. Staff follow cases on their own pages,
    so for them a business's case page does not exist (404)."""
    return queryset.filter(business__in=businesses_of(user))


def _services() -> Prefetch:
    return Prefetch(
        "services", queryset=CaseService.objects.select_related("service").order_by("position")
    )


def my_cases(user) -> QuerySet[Case]:
    """The user's businesses' cases, newest first, each with its services, the latest
    expected decision date of its open tasks and whether a request waits for an answer
    (all of them: the list pages ``own_cases`` and loads only the shown rows)."""
    return my_case_rows(own_cases(user))


def own_cases(user) -> QuerySet[Case]:
    """The user's businesses' cases, newest first, with nothing else: what the list counts
    and pages through (the order of the index ``cases_case_business_list``)."""
    return own_cases_visible_to(Case.objects.all(), user).order_by("-received_at", "-pk")


def my_case_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The list's rows of ``cases`` (one page of ``own_cases``), newest first, with their
    services, expected decision date and whether action is needed."""
    latest_deadline = (
        DepartmentTask.objects.filter(
            case=OuterRef("pk"), status__in=OPEN_TASK_STATUSES, deadline__isnull=False
        )
        .order_by("-deadline")
        .values("deadline")[:1]
    )
    waiting = InformationRequest.objects.filter(task__case=OuterRef("pk"), answered_at__isnull=True)
    return (
        cases.annotate(expected_on=Subquery(latest_deadline), action_needed=Exists(waiting))
        .prefetch_related(_services())
        .order_by("-received_at", "-pk")
    )


def my_case_page() -> QuerySet[Case]:
    """Cases with everything their business page shows, in a fixed number of queries
    whatever the number of tasks, events, messages and files."""
    tasks = (
        DepartmentTask.objects.select_related("department", "case_service__service", "decision")
        .prefetch_related("information_requests")
        .order_by("case_service__position", "department__name", "pk")
    )
    messages = (
        CaseMessage.objects.select_related("author", "information_request__task__department")
        .prefetch_related("documents")
        .order_by("created_at", "pk")
    )
    return Case.objects.select_related(
        "business", "assisted_by", "immediate_answer", "satisfaction", "pilot"
    ).prefetch_related(
        _services(),
        "authorities",
        Prefetch("tasks", queryset=tasks, to_attr="page_tasks"),
        Prefetch("messages", queryset=messages, to_attr="page_messages"),
        Prefetch(
            "documents",
            # Material for a star meeting is shown with the meeting's checklist.
            queryset=CaseDocument.objects.filter(
                message__isnull=True, checklist_item__isnull=True
            ).order_by("uploaded_at"),
            to_attr="application_documents",
        ),
        Prefetch(
            "letters",
            # A letter is offered once its PDF exists.
            queryset=Letter.objects.exclude(file="").order_by("created_at", "pk"),
            to_attr="downloadable_letters",
        ),
        Prefetch(
            "events",
            queryset=CaseEvent.objects.filter(kind__in=BUSINESS_TIMELINE_EVENTS).order_by(
                "at", "pk"
            ),
            to_attr="timeline_events",
        ),
    )


def information_request_of(case: Case, request_id: int) -> InformationRequest:
    """A request on one of the case's tasks (DoesNotExist otherwise)."""
    return InformationRequest.objects.select_related("task__department", "task__case").get(
        pk=request_id, task__case=case
    )


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the business's timeline; the template words it by ``kind``."""

    at: datetime.datetime
    kind: str
    department: str = ""
    departments: tuple[str, ...] = field(default_factory=tuple)
    outcome: str = ""
    due_on: datetime.date | None = None
    topic: str = ""
    letter_kind: str = ""


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def business_timeline(case: Case) -> list[TimelineEntry]:
    """The case's story for the business, from a case loaded by ``my_case_page``.

    Events name departments by code and tasks by id; their names come from the tasks
    already loaded, so the timeline costs no query of its own.
    """
    by_code = {task.department.code: task.department.name for task in case.page_tasks}
    by_task = {task.pk: task.department.name for task in case.page_tasks}
    entries = []
    for event in case.timeline_events:
        data = event.data if isinstance(event.data, dict) else {}
        department = by_code.get(data.get("department"), "") or by_task.get(data.get("task"), "")
        entry = {"at": event.at, "kind": event.kind, "department": department}
        if event.kind == EventKind.ROUTED:
            codes = [row.get("department") for row in data.get("tasks", [])]
            names = dict.fromkeys(by_code.get(code, code) for code in codes if code)
            entry["departments"] = tuple(names)
        elif event.kind == EventKind.DECIDED:
            outcome = data.get("outcome")
            entry["outcome"] = Outcome(outcome).label if outcome in Outcome.values else ""
        elif event.kind == EventKind.INFORMATION_REQUESTED:
            entry["due_on"] = _date(data.get("due_on"))
        elif event.kind == EventKind.ANSWERED_IMMEDIATELY:
            entry["topic"] = str(data.get("topic") or "")
        elif event.kind == EventKind.LETTER_SENT:
            entry["letter_kind"] = str(data.get("kind") or LetterKind.DECISION)
        entries.append(TimelineEntry(**entry))
    return entries


def decision_tasks(case: Case) -> list[DepartmentTask]:
    """The departments' parts of the case (KES's own preparatory tasks are not listed)."""
    return [task for task in case.page_tasks if task.kind == TaskKind.DECISION]


def case_was_rejected(case: Case) -> bool:
    """Whether a department rejected a service of the case: the business may then apply
    again with corrections. From a case loaded by ``my_case_page`` this costs no query."""
    tasks = getattr(case, "page_tasks", None)
    if tasks is not None:
        return any(
            task.kind == TaskKind.DECISION
            and getattr(task, "decision", None) is not None
            and task.decision.outcome == Outcome.REJECTED
            for task in tasks
        )
    return Decision.objects.filter(task__case=case, outcome=Outcome.REJECTED).exists()


def open_requests(case: Case) -> list[InformationRequest]:
    """Requests for information that wait for the business, oldest first."""
    waiting = [
        request
        for task in case.page_tasks
        for request in task.information_requests.all()
        if request.answered_at is None
    ]
    return sorted(waiting, key=lambda request: (request.due_on, request.pk))


__all__ = [
    "TimelineEntry",
    "business_timeline",
    "case_was_rejected",
    "decision_tasks",
    "information_request_of",
    "my_case_page",
    "my_case_rows",
    "my_cases",
    "open_requests",
    "own_cases",
    "own_cases_visible_to",
]


def business_pilot_contacts(user) -> list:
    """The business pilots of the user's businesses' open cases, each with the references
    of its cases there: the "your contact person" box of Mine sager; one query."""
    rows = (
        own_cases_visible_to(Case.objects.all(), user)
        .filter(pilot__isnull=False)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("pilot")
        .order_by("pilot_id", "received_at", "pk")
    )
    contacts: dict[int, dict] = {}
    for case in rows:
        entry = contacts.setdefault(
            case.pilot_id, {"contact": contact_of(case.pilot), "references": []}
        )
        entry["references"].append(case.reference)
    return list(contacts.values())
