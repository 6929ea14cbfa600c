"""The service-target milestones in the case's history (since c710484 the sweep writes a
``TaskMilestone`` row instead of an audit event): the staff case page's timeline and the
audit-trail page show them in their place in time, worded as the old SLA events were; an
old event and the row ``cases/0018`` copied from the same mark show once; the pages cost
the same whatever the number of milestones. The business's page never showed them."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from cases.constants import EventKind, Milestone, TaskKind
from cases.models import CaseEvent, DepartmentTask, TaskMilestone
from cases.selectors.staff_case import TIMELINE_LATEST
from cases.sla.services import sla_sweep
from routing.calendar import local_date
from tests.cases.helpers import OUTDOOR, submit_case

SLA_KINDS = (EventKind.SLA_WARNING, EventKind.SLA_BREACHED)


@pytest.fixture
def case(catalogue, business, business_user):
    return submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)


@pytest.fixture
def task(case):
    return case.tasks.select_related("department").get(kind=TaskKind.DECISION)


def url(case, name="staff_case_detail"):
    return reverse(name, kwargs={"reference": case.reference})


def _events(case, count, *, start, kind=EventKind.NOTE_ADDED):
    """``count`` events, one a minute, the newest at ``start``; returned newest first."""
    return CaseEvent.objects.bulk_create(
        CaseEvent(case=case, kind=kind, at=start - timedelta(minutes=number))
        for number in range(count)
    )


def _reach(task, milestone, at):
    return TaskMilestone.objects.create(task=task, milestone=milestone, reached_at=at)


def _sla(page_entries):
    return [entry for entry in page_entries if entry.kind in SLA_KINDS]


def _rows(content, label):
    """The event table's rows whose "What" cell is ``label``."""
    return content.count(f"<td>{label}</td>")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_milestone_shows_on_the_staff_case_page_in_its_place_in_time(
    client, kes_user, case, task, lang
):
    later = timezone.now() + timedelta(hours=2)
    newer, older = _events(case, 2, start=later)  # newest first
    _reach(task, Milestone.WARNING, later - timedelta(seconds=30))  # between the two
    _reach(task, Milestone.BREACH, later + timedelta(hours=1))  # the newest of all
    client.force_login(kes_user)
    response = client.get(("" if lang == "da" else "/en") + url(case))
    entries = response.context["page"].events
    assert [entry.kind for entry in entries[:4]] == [
        EventKind.SLA_BREACHED,
        EventKind.NOTE_ADDED,
        EventKind.SLA_WARNING,
        EventKind.NOTE_ADDED,
    ]
    assert entries[1].pk == newer.pk and entries[3].pk == older.pk
    with translation.override(lang):
        warning, breach = str(EventKind.SLA_WARNING.label), str(EventKind.SLA_BREACHED.label)
        department = gettext("Department: %(name)s.") % {"name": task.department.name}
        system = gettext("system")
    if lang == "da":
        assert (warning, breach) == ("Servicemålet er næsten brugt", "Servicemålet er overskredet")
    else:
        assert (warning, breach) == ("Service target nearly used", "Service target passed")
    rows = re.findall(r"<tr>(.*?)</tr>", response.content.decode(), re.DOTALL)
    (row,) = [row for row in rows if f"<td>{breach}</td>" in row]
    assert f"<td>{system}</td>" in row and f"<td>{department}</td>" in row
    assert len([row for row in rows if f"<td>{warning}</td>" in row]) == 1
    assert entries[0].summary == department
    assert entries[0].data == {"task": task.pk, "deadline": task.deadline.isoformat()}


def test_the_sweeps_milestone_reaches_the_case_history(client, kes_user, case, task):
    today = local_date(timezone.now())
    DepartmentTask.objects.filter(pk=task.pk).update(
        warning_on=today - timedelta(days=3), deadline=today - timedelta(days=1)
    )
    sla_sweep()
    assert TaskMilestone.objects.filter(task=task).exists()
    assert not CaseEvent.objects.filter(case=case, kind__in=SLA_KINDS).exists()
    client.force_login(kes_user)
    content = client.get("/en" + url(case)).content.decode()
    assert _rows(content, "Service target passed") == 1


def test_an_old_sla_event_still_shows_and_its_migrated_milestone_only_once(
    client, kes_user, case, task
):
    at = timezone.now() - timedelta(minutes=5)
    data = {"task": task.pk, "deadline": task.deadline.isoformat()}
    old = CaseEvent.objects.create(case=case, kind=EventKind.SLA_WARNING, at=at, data=data)
    _reach(task, Milestone.WARNING, at)  # what cases/0018 copied from the task's mark
    _reach(task, Milestone.BREACH, at + timedelta(minutes=1))  # no old event: shown
    client.force_login(kes_user)
    paths = {name: "/en" + url(case, name) for name in ("staff_case_detail", "staff_case_audit")}
    for name, path in paths.items():
        response = client.get(path)
        page = response.context["page"]
        entries = page.events if name == "staff_case_detail" else page.object_list
        warnings = [entry for entry in entries if entry.kind == EventKind.SLA_WARNING]
        assert [entry.pk for entry in warnings] == [old.pk], name  # the event, not the row
        assert [entry.kind for entry in _sla(entries)] == [
            EventKind.SLA_BREACHED,
            EventKind.SLA_WARNING,
        ], name
        content = response.content.decode()
        assert _rows(content, "Service target nearly used") == 1, name
        assert _rows(content, "Service target passed") == 1, name
        assert warnings[0].summary == f"Department: {task.department.name}.", name


def test_the_timeline_keeps_its_length_and_order_with_many_milestones(client, kes_user, case, task):
    start = timezone.now() + timedelta(hours=1)
    _events(case, TIMELINE_LATEST, start=start)
    reached = []
    for number, extra in enumerate(_tasks(task, 15)):  # 30 milestones among the events
        for offset, milestone in enumerate(Milestone.values):
            at = start - timedelta(minutes=4 * number + offset, seconds=30)
            reached.append(_reach(extra, milestone, at).reached_at)
    client.force_login(kes_user)
    entries = client.get(url(case)).context["page"].events
    assert len(entries) == TIMELINE_LATEST
    ats = [entry.at for entry in entries]
    assert ats == sorted(ats, reverse=True)
    events = CaseEvent.objects.filter(case=case).exclude(kind=EventKind.CASE_VIEWED)
    everything = sorted([*events.values_list("at", flat=True), *reached], reverse=True)
    assert ats == everything[:TIMELINE_LATEST]
    assert len(_sla(entries)) == sum(at in set(reached) for at in ats) > 10
    assert entries[0].kind == EventKind.NOTE_ADDED and entries[1].kind == EventKind.SLA_WARNING


def test_the_audit_trail_shows_each_milestone_once_on_the_page_of_its_time(
    client, kes_user, case, task, monkeypatch
):
    monkeypatch.setattr("cases.selectors.staff_case.AUDIT_PAGE_SIZE", 5)
    start = timezone.now() + timedelta(hours=1)
    events = _events(case, 10, start=start)  # with the submission's: three pages
    first_oldest, second_oldest = events[4].at, events[9].at
    newest, older = _tasks(task, 2)
    reached = {
        (newest.pk, Milestone.BREACH): start + timedelta(minutes=5),  # newer than all: page 1
        (newest.pk, Milestone.WARNING): first_oldest,  # as old as page 1's oldest: page 1
        (older.pk, Milestone.BREACH): first_oldest - timedelta(seconds=1),  # page 2
        (older.pk, Milestone.WARNING): timezone.now() - timedelta(days=30),  # the last page
    }
    for (task_pk, milestone), at in reached.items():
        _reach(DepartmentTask(pk=task_pk), milestone, at)
    client.force_login(kes_user)
    audit = url(case, "staff_case_audit")
    # Each read adds a staff view to the trail (older than these events): ask for the last.
    pages = [client.get(f"{audit}?page={number}").context["page"] for number in (1, 2, 999)]
    assert pages[-1].number == pages[-1].paginator.num_pages > 2
    shown = [[(entry.task.pk, entry.kind) for entry in _sla(p.object_list)] for p in pages]
    assert shown == [
        [(newest.pk, EventKind.SLA_BREACHED), (newest.pk, EventKind.SLA_WARNING)],
        [(older.pk, EventKind.SLA_BREACHED)],
        [(older.pk, EventKind.SLA_WARNING)],
    ]
    # The pages are still cut by their events: five each, in the trail's order.
    assert [e.pk for e in pages[0].object_list if e.pk] == [e.pk for e in events[:5]]
    assert [e.pk for e in pages[1].object_list if e.pk] == [e.pk for e in events[5:10]]
    assert pages[1].object_list[-1].at == second_oldest
    for page in pages:
        ats = [entry.at for entry in page.object_list]
        assert ats == sorted(ats, reverse=True)
    content = client.get(f"/en{audit}?page=999").content.decode()
    assert _rows(content, "Service target nearly used") == 1


def _tasks(task, count):
    """``count`` more tasks on ``task``'s case (KES's kind: a decision is once per service
    and department), each with a deadline to show."""
    return DepartmentTask.objects.bulk_create(
        DepartmentTask(
            case_id=task.case_id,
            department_id=task.department_id,
            kind=TaskKind.TRIAGE,
            received_on=task.received_on,
            deadline=task.deadline,
        )
        for _ in range(count)
    )


def _milestone_queries(queries):
    return [q["sql"] for q in queries if 'FROM "cases_taskmilestone"' in q["sql"]]


def test_the_case_page_and_the_audit_trail_cost_the_same_for_1_and_30_milestones(
    client, kes_user, case, task, django_assert_num_queries
):
    tasks = _tasks(task, 15)
    start = timezone.now() - timedelta(hours=1)
    _events(case, 120, start=start)
    _reach(tasks[0], Milestone.WARNING, start)
    paths = [url(case), url(case, "staff_case_audit"), url(case, "staff_case_audit") + "?page=3"]
    client.force_login(kes_user)
    one = []
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert len(_milestone_queries(queries)) == 1, path
        one.append(len(queries))
    for number, extra in enumerate(tasks):
        for milestone in Milestone.values:
            if (number, milestone) != (0, Milestone.WARNING):
                _reach(extra, milestone, start - timedelta(minutes=8 * number + 1))
    assert TaskMilestone.objects.filter(task__case=case).count() == 30
    for path, count in zip(paths, one, strict=True):
        with django_assert_num_queries(count) as queries:
            response = client.get(path)
        assert len(_milestone_queries(queries.captured_queries)) == 1, path
        assert response.status_code == 200
    # The case page reads no more milestones than it shows.
    (timeline,) = _milestone_queries(queries_of(client, paths[0]))
    assert timeline.rstrip().endswith(f"LIMIT {TIMELINE_LATEST}")


def queries_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return queries.captured_queries


def test_the_business_never_sees_a_milestone(client, business_user, case, task):
    _reach(task, Milestone.BREACH, timezone.now())
    client.force_login(business_user)
    response = client.get(f"/en/my/cases/{case.reference}/")
    assert response.status_code == 200
    assert all(entry.kind not in SLA_KINDS for entry in response.context["timeline"])
    assert "Service target passed" not in response.content.decode()
