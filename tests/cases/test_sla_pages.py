"""The service target on the pages (issue 14): task, case and business pages, the queue's
deadline filter and badges, and the notifications page with its unread count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.constants import TaskKind
from cases.models import DepartmentTask
from cases.services import task_assign
from cases.sla.services import sla_sweep
from kes.models import Notice
from routing.calendar import local_date
from tests.cases.helpers import OUTDOOR, submit_case, worker
from tests.factories import UserFactory


def today():
    return local_date(timezone.now())


@pytest.fixture
def task(business, business_user):
    case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    return case.tasks.get(kind=TaskKind.DECISION)


def _move(task, *, warning_days, deadline_days):
    DepartmentTask.objects.filter(pk=task.pk).update(
        warning_on=today() + timedelta(days=warning_days),
        deadline=today() + timedelta(days=deadline_days),
    )


def test_the_task_page_shows_the_clock_and_explains_the_deadline(client, task):
    caseworker = worker("city_use")
    client.force_login(caseworker)
    page = client.get(f"/en/staff/tasks/{task.pk}/").content.decode()
    for text in (
        "Service target",
        "20 working days",
        "Gross time",
        "Net time",
        "Share of the target used",
        "Why this deadline?",
        "20 working days from",
    ):
        assert text in page


def test_the_case_page_and_the_business_page_explain_the_deadline(
    client, task, business_user, kes_user
):
    client.force_login(kes_user)
    page = client.get(f"/en/staff/cases/{task.case.reference}/").content.decode()
    assert "Why this deadline?" in page and "% used" in page
    client.force_login(business_user)
    page = client.get(f"/en/my/cases/{task.case.reference}/").content.decode()
    assert "How we work out the date" in page
    assert "20 working days from" in page
    assert "Gross time" not in page  # staff figures stay with staff


@pytest.mark.parametrize(
    ("warning_days", "deadline_days", "badge", "listed"),
    [
        (-1, 3, "Warning", "warning"),
        (-10, -1, "Overdue", "overdue"),
        (2, 8, None, ""),
    ],
)
def test_queue_badges_and_deadline_filter(client, task, warning_days, deadline_days, badge, listed):
    caseworker = worker("city_use")
    _move(task, warning_days=warning_days, deadline_days=deadline_days)
    client.force_login(caseworker)
    page = client.get("/en/staff/queue/").content.decode()
    assert task.case.reference in page
    for word in ("Warning", "Overdue"):
        assert (f'">{word}</span>' in page) == (word == badge)
    for choice in ("warning", "overdue"):
        page = client.get(f"/en/staff/queue/?deadline={choice}").content.decode()
        assert (task.case.reference in page) == (choice == listed)


def test_inbox_orders_by_deadline_both_ways(client, business, business_user):
    caseworker = worker("city_use")
    cases = [submit_case(business, business_user, ["outdoor_serving"], OUTDOOR) for _ in range(3)]
    for n, case in enumerate(cases):
        task = case.tasks.get()
        task_assign(task=task, assignee=caseworker, by=caseworker)
        DepartmentTask.objects.filter(pk=task.pk).update(deadline=today() + timedelta(days=n))
    client.force_login(caseworker)
    refs = [case.reference for case in cases]
    page = client.get("/en/staff/inbox/").content.decode()
    assert sorted(refs, key=page.index) == refs
    page = client.get("/en/staff/inbox/?order=-deadline").content.decode()
    assert sorted(refs, key=page.index) == refs[::-1]
    # Bad input is ignored, never a 500.
    for query in ("?deadline=%00", "?order=%ED%A0%80", "?deadline=" + "9" * 400):
        assert client.get("/en/staff/inbox/" + query).status_code == 200


def _notices(task, n):
    worker_ = worker("city_use")
    Notice.objects.bulk_create(
        Notice(
            recipient=worker_,
            kind="cases.sla_warning",
            key=f"test:{task.pk}:{i}",
            payload={"task": task.pk, "reference": task.case.reference, "deadline": "2026-04-24"},
            url=f"/staff/tasks/{task.pk}/",
        )
        for i in range(n)
    )
    return worker_


def test_notifications_page_lists_counts_and_marks_read(client, task):
    caseworker = _notices(task, 2)
    client.force_login(caseworker)
    page = client.get("/en/staff/notices/").content.decode()
    assert "2 unread" in page
    assert "most of the service target is used" in page
    assert "Friday 24 April 2026" in page
    first = Notice.objects.filter(recipient=caseworker).first()
    response = client.get(f"/en/staff/notices/{first.pk}/")
    assert response.status_code == 302 and response.url == f"/en/staff/tasks/{task.pk}/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert "1 unread" in client.get("/en/staff/notices/").content.decode()
    client.post("/en/staff/notices/read/")
    assert not Notice.objects.filter(recipient=caseworker, read_at__isnull=True).exists()
    assert "unread" not in client.get("/en/staff/").content.decode()


def test_notifications_belong_to_their_recipient(client, task, business_user):
    _notices(task, 1)
    notice = Notice.objects.get()
    other = worker("city_use", name="other-cw")
    client.force_login(other)
    assert client.get(f"/en/staff/notices/{notice.pk}/").status_code == 404
    assert client.get("/en/staff/notices/99999999999/").status_code == 404
    assert client.post("/en/staff/notices/read/").status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is None
    client.force_login(business_user)
    assert client.get("/en/staff/notices/").status_code == 403
    client.logout()
    assert client.get("/en/staff/notices/").status_code == 302
    assert client.get("/en/staff/notices/read/").status_code in (302, 405)


def test_notifications_page_queries_do_not_grow(client, task):
    caseworker = _notices(task, 3)
    client.force_login(caseworker)
    with CaptureQueriesContext(connection) as few:
        client.get("/en/staff/notices/")
    Notice.objects.bulk_create(
        Notice(
            recipient=caseworker,
            kind="cases.sla_breach",
            key=f"more:{i}",
            payload={"task": task.pk},
        )
        for i in range(20)
    )
    with CaptureQueriesContext(connection) as many:
        client.get("/en/staff/notices/")
    assert len(many) == len(few) + 1  # the breach kind's renderer: one more query for its page


def test_a_sweep_warning_reaches_the_header(client, task):
    caseworker = worker("city_use")
    _move(task, warning_days=-1, deadline_days=3)
    sla_sweep()
    client.force_login(caseworker)
    assert "1 unread" in client.get("/en/staff/").content.decode()
    outsider = UserFactory(username="t-nobody")
    client.force_login(outsider)
    assert "unread" not in client.get("/en/").content.decode()
