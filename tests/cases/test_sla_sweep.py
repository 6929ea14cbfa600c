"""The service-target sweep (issue 14): milestones notified once, to the right people, on the
right business days; lapsed requests; the clock's state kept by the services."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cases.constants import EventKind, NotificationKind, TaskKind, TaskStatus
from cases.models import DepartmentTask, FollowUp
from cases.services import information_answer, task_completeness_confirm, task_request_information
from cases.sla.services import sla_sweep
from kes.models import Notice, Notification
from kes.notices import notice_texts
from routing.calendar import COPENHAGEN
from routing.constants import MembershipRole
from tests.cases.helpers import OUTDOOR, submit_case, worker
from tests.factories import UserFactory


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=COPENHAGEN)


@pytest.fixture
def easter_case(business, business_user):
    """Outdoor serving (20 business days, City Use) received Tuesday 24 March 2026."""
    with time_machine.travel(at(date(2026, 3, 24)), tick=False):
        case = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    return case


def _task(case) -> DepartmentTask:
    return case.tasks.get(kind=TaskKind.DECISION)


def _sweep_on(day: date):
    with time_machine.travel(at(day), tick=False):
        return sla_sweep()


def test_task_creation_keeps_the_warning_date(easter_case):
    task = _task(easter_case)
    # 15 of 20 business days; Easter (2 to 6 April) is not counted.
    assert task.warning_on == date(2026, 4, 17)
    assert task.deadline == date(2026, 4, 24)


def test_milestones_cross_on_the_right_business_days_around_easter(easter_case, kes_user):
    caseworker = worker("city_use")
    lead = worker("city_use", role=MembershipRole.LEAD, name="lead-city_use")
    task = _task(easter_case)
    assert _sweep_on(date(2026, 4, 16)).warnings == 0
    result = _sweep_on(date(2026, 4, 17))
    assert (result.warnings, result.breaches) == (1, 0)
    # Nobody has taken the task: the department's caseworkers are warned.
    assert list(Notice.objects.values_list("recipient", "kind")) == [
        (caseworker.pk, "cases.sla_warning")
    ]
    assert _sweep_on(date(2026, 4, 24)).breaches == 0  # the deadline day is within target
    result = _sweep_on(date(2026, 4, 25))
    assert result.breaches == 1
    breach = set(Notice.objects.filter(kind="cases.sla_breach").values_list("recipient", flat=True))
    assert breach == {lead.pk, kes_user.pk}
    reached = dict(task.milestones.values_list("milestone", "reached_at"))
    assert reached == {"warning": at(date(2026, 4, 17)), "breach": at(date(2026, 4, 25))}
    # Sweeping again notifies nothing more.
    again = _sweep_on(date(2026, 4, 27))
    assert (again.warnings, again.breaches, again.notices) == (0, 0, 0)
    assert task.milestones.count() == 2


def test_the_assignee_is_warned_by_notice_and_mail_in_their_language(
    easter_case, django_capture_on_commit_callbacks
):
    caseworker = worker("city_use")
    caseworker.language = "en"
    caseworker.email = "cw@example.invalid"
    caseworker.save()
    worker("city_use", name="other-cw")
    task = _task(easter_case)
    with time_machine.travel(at(date(2026, 3, 25)), tick=False):
        task_completeness_confirm(task=task, by=caseworker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _sweep_on(date(2026, 4, 17))
    notice = Notice.objects.get()
    assert notice.recipient == caseworker
    assert notice.key == f"sla.warning.batch:{caseworker.pk}:{task.pk}"
    assert notice.payload == {"tasks": [task.pk], "count": 1, "milestone": "warning"}
    row = Notification.objects.get(kind=NotificationKind.STAFF_NOTICE)
    assert (row.language, row.recipient, row.state) == ("en", "cw@example.invalid", "sent")
    assert len(mail.outbox) == 1
    assert easter_case.reference in mail.outbox[0].subject
    assert "most of the service target is used" in mail.outbox[0].body
    assert "Friday 24 April 2026" in mail.outbox[0].body


def test_a_pilot_case_gives_the_pilot_a_follow_up(easter_case, pilot_user):
    type(easter_case).objects.filter(pk=easter_case.pk).update(pilot=pilot_user)
    task = _task(easter_case)
    _sweep_on(date(2026, 4, 17))
    follow_up = FollowUp.objects.get(key=f"sla.warning:{task.pk}")
    assert (follow_up.assignee, follow_up.task, follow_up.due_on) == (
        pilot_user,
        task,
        date(2026, 4, 24),
    )
    assert easter_case.events.filter(kind=EventKind.FOLLOW_UP_CREATED).count() == 1
    _sweep_on(date(2026, 4, 25))
    assert Notice.objects.filter(kind="cases.sla_breach", recipient=pilot_user).count() == 1


def test_a_waiting_task_reaches_no_milestone_and_its_dates_move_on_resume(
    easter_case, business_user
):
    caseworker = worker("city_use")
    task = _task(easter_case)
    with time_machine.travel(at(date(2026, 4, 14)), tick=False):
        request = task_request_information(
            task=task, by=caseworker, text="Send the drawings", due_on=date(2026, 5, 29)
        )
    assert _sweep_on(date(2026, 4, 28)).warnings == 0
    with time_machine.travel(at(date(2026, 4, 21)), tick=False):
        information_answer(request=request, by=business_user, text="Here they are")
    task.refresh_from_db()
    # Paused from Tuesday 14 to Tuesday 21 April: 5 business days.
    assert task.paused_units == 5
    assert task.deadline == date(2026, 5, 1)
    assert task.warning_on == date(2026, 4, 24)
    assert _sweep_on(date(2026, 4, 23)).warnings == 0
    assert _sweep_on(date(2026, 4, 24)).warnings == 1


def test_lapsed_request_reminds_twice_then_tells_the_caseworker(
    easter_case, settings, django_capture_on_commit_callbacks
):
    settings.KES_LAPSE_SECOND_REMINDER_DAYS = 5
    caseworker = worker("city_use")
    task = _task(easter_case)
    with time_machine.travel(at(date(2026, 3, 25)), tick=False):
        request = task_request_information(
            task=task, by=caseworker, text="Send the drawings", due_on=date(2026, 3, 31)
        )
    mail.outbox.clear()
    assert _sweep_on(date(2026, 3, 31)).reminders == 0  # due today: not lapsed
    with django_capture_on_commit_callbacks(execute=True):
        assert _sweep_on(date(2026, 4, 1)).reminders == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [easter_case.business.email]
    assert "Send the drawings" in mail.outbox[0].body
    assert _sweep_on(date(2026, 4, 1)).reminders == 0  # once
    # 5 business days after Tuesday 31 March, Easter skipped: Friday 10 April; 10: the 17th.
    assert _sweep_on(date(2026, 4, 9)).reminders == 0
    assert _sweep_on(date(2026, 4, 10)).reminders == 1
    assert _sweep_on(date(2026, 4, 16)).told == 0
    result = _sweep_on(date(2026, 4, 17))
    assert result.told == 1
    request.refresh_from_db()
    assert (request.reminders_sent, request.caseworker_told_at is not None) == (2, True)
    assert Notice.objects.get(kind="cases.request_lapsed").recipient == caseworker
    keys = set(
        Notification.objects.filter(kind=NotificationKind.INFORMATION_REMINDER).values_list(
            "key", flat=True
        )
    )
    assert keys == {
        f"cases.information_reminder:{request.pk}:1",
        f"cases.information_reminder:{request.pk}:2",
    }
    assert _sweep_on(date(2026, 5, 1)).told == 0


def test_decision_keeps_the_national_clock(easter_case):
    from cases.services import task_decide

    caseworker = worker("city_use")
    task = _task(easter_case)
    with time_machine.travel(at(date(2026, 3, 27)), tick=False):
        task_completeness_confirm(task=task, by=caseworker)
    task.refresh_from_db()
    assert task.complete_on == date(2026, 3, 27)
    with time_machine.travel(at(date(2026, 4, 10)), tick=False):
        decision = task_decide(task=task, by=caseworker, outcome="approved", statement="Ja.")
    assert decision.national_days == 14
    assert decision.national_days <= (date(2026, 4, 10) - date(2026, 3, 24)).days


def _due_tasks(case, n, *, assignee):
    today = date.today()
    return DepartmentTask.objects.bulk_create(
        DepartmentTask(
            case=case,
            department_id=_task(case).department_id,
            kind=TaskKind.TRIAGE,
            status=TaskStatus.IN_REVIEW,
            assignee=assignee,
            received_on=today - timedelta(days=30),
            target_days=20,
            deadline=today + timedelta(days=3),
            warning_on=today - timedelta(days=1),
        )
        for _ in range(n)
    )


def test_the_sweep_runs_a_constant_number_of_queries(easter_case, settings):
    caseworker = worker("city_use")
    sla_sweep()  # the case's own task, long past its deadline
    _due_tasks(easter_case, 2, assignee=caseworker)
    _due_tasks(easter_case, 1, assignee=None)
    with CaptureQueriesContext(connection) as few:
        assert sla_sweep().warnings == 3
    _due_tasks(easter_case, 40, assignee=caseworker)
    _due_tasks(easter_case, 5, assignee=None)
    with CaptureQueriesContext(connection) as many:
        assert sla_sweep().warnings == 45
    assert len(many) == len(few)


def test_notice_texts_in_both_languages(easter_case):
    from django.utils import translation

    worker("city_use")
    _sweep_on(date(2026, 4, 17))
    notice = Notice.objects.get()
    with translation.override("en"):
        (text,) = notice_texts([notice])
    assert text.startswith(f"{easter_case.reference} – ")
    assert "Friday 24 April 2026" in text
    with translation.override("da"):
        (text,) = notice_texts([notice])
    assert "fredag 24" in text.lower()


def test_users_outside_get_no_notice(easter_case):
    outsider = UserFactory(username="outsider")
    worker("city_use")
    _sweep_on(date(2026, 4, 25))
    assert not Notice.objects.filter(recipient=outsider).exists()


def test_time_already_used_survives_a_track_change(easter_case, kes_user, business_user):
    from cases.serializers import task_clock
    from cases.services import case_track_override

    caseworker = worker("city_use")
    task = _task(easter_case)
    with time_machine.travel(at(date(2026, 3, 30)), tick=False):
        request = task_request_information(
            task=task, by=caseworker, text="Send the drawings", due_on=date(2026, 4, 30)
        )
    with time_machine.travel(at(date(2026, 4, 1)), tick=False):
        information_answer(request=request, by=business_user, text="Here")
    task.refresh_from_db()
    before = (task.pk, task.deadline, task.warning_on, task.paused_units, task.received_on)
    clock = task_clock(task, today=date(2026, 4, 9))
    with time_machine.travel(at(date(2026, 4, 9)), tick=False):
        case_track_override(case=easter_case, by=kes_user, track="assisted", reason="Ringede ind")
    task = _task(easter_case)
    assert (task.pk, task.deadline, task.warning_on, task.paused_units, task.received_on) == before
    assert task_clock(task, today=date(2026, 4, 9)) == clock
    assert clock.paused == 2 and task.deadline == date(2026, 4, 28)


def test_backfill_sets_missing_warning_dates(easter_case):
    from django.core.management import call_command

    task = _task(easter_case)
    DepartmentTask.objects.filter(pk=task.pk).update(warning_on=None)
    call_command("sla_backfill", verbosity=0)
    task.refresh_from_db()
    assert task.warning_on == date(2026, 4, 17)
    call_command("sla_backfill", verbosity=0)  # nothing left to do


def test_one_notice_and_one_mail_per_recipient_list_the_batchs_tasks(
    easter_case, django_capture_on_commit_callbacks
):
    caseworker = worker("city_use")
    caseworker.language, caseworker.email = "en", "cw@example.invalid"
    caseworker.save()
    sla_sweep()  # the case's own task, long past its deadline
    before = Notice.objects.filter(recipient=caseworker).count()
    mail.outbox.clear()
    due = _due_tasks(easter_case, 25, assignee=caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        assert sla_sweep().warnings == 25
    notices = Notice.objects.filter(recipient=caseworker).order_by("pk")
    assert notices.count() == before + 1
    notice = notices.last()
    ids = sorted(task.pk for task in due)
    assert notice.payload == {"tasks": ids[:5], "count": 25, "milestone": "warning"}
    with translation.override("en"):
        (text,) = notice_texts([notice])
    assert text.startswith("25 tasks have used most of their service target: ")
    assert text.endswith(" and 20 more.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Service target: 25 tasks"
    assert text in message.body


def test_an_older_per_task_notice_with_the_same_numbers_does_not_swallow_a_new_one(easter_case):
    # Before the batch notices, keys were sla.<milestone>:<task>:<user>: a notice of task
    # <user id> to user <task id> has the numbers of the new key the other way round.
    caseworker = worker("city_use")
    task = _task(easter_case)
    Notice.objects.create(
        recipient=caseworker, kind="cases.sla_warning", key=f"sla.warning:{caseworker.pk}:{task.pk}"
    )
    result = _sweep_on(date(2026, 4, 17))
    assert (result.warnings, result.notices) == (1, 1)
    new = Notice.objects.get(recipient=caseworker, key__contains=".batch:")
    assert new.payload["tasks"] == [task.pk]
