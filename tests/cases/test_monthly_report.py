"""The monthly report: the beat task on the 1st builds last month's PDF once per language
and writes one outbox row per manager, however often it runs; the delivery mails it."""

from datetime import date

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.core import mail

from cases.constants import Channel, NotificationKind, Track
from cases.models import MonthlyReport
from cases.stats.periods import month_end, previous_month
from cases.tasks import monthly_report
from kes.constants import Role
from kes.models import Notification
from routing.services import user_roles_grant
from tests.cases.stats_data import at, case, member, quick_answer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _manager(username, language="da", email=True):
    user = UserFactory(username=username, language=language)
    if not email:
        user.email = ""
        user.save()
    user_roles_grant(user=user, roles=[Role.MANAGER])
    return user


@pytest.mark.parametrize(
    ("today", "month"),
    [
        (date(2026, 3, 1), date(2026, 2, 1)),
        (date(2026, 1, 1), date(2025, 12, 1)),
        (date(2026, 1, 31), date(2025, 12, 1)),
    ],
)
def test_the_report_is_about_the_month_before(today, month):
    assert previous_month(today) == month
    assert month_end(date(2024, 2, 1)) == date(2024, 2, 29)


def test_beat_runs_it_on_the_first_of_the_month():
    entry = django_settings.CELERY_BEAT_SCHEDULE["cases-monthly-report"]
    assert entry["task"] == "cases.monthly_report"
    assert entry["schedule"] == crontab(minute=0, hour=6, day_of_month=1)


def test_running_twice_writes_one_outbox_row_per_manager_and_one_pdf_per_language(
    settings, django_capture_on_commit_callbacks
):
    business, user = member()
    case(business, user, date(2026, 2, 3), track=Track.ASSISTED, channel=Channel.PHONE)
    quick_answer(business, user, date(2026, 2, 4), "Skilte")
    first, second = _manager("m-1"), _manager("m-2", "en")
    _manager("m-no-mail", email=False)
    UserFactory(username="not-a-manager")

    with (
        time_machine.travel(at(date(2026, 3, 1), 6), tick=False),
        django_capture_on_commit_callbacks(execute=False),
    ):
        assert monthly_report.apply().get() == 2
        files = {row.language: row.file.name for row in MonthlyReport.objects.all()}
        assert monthly_report.apply().get() == 2

    rows = Notification.objects.filter(kind=NotificationKind.MONTHLY_REPORT).order_by("key")
    assert [(r.key, r.recipient, r.language) for r in rows] == [
        (f"cases.monthly_report:2026-02:{first.pk}", first.email, "da"),
        (f"cases.monthly_report:2026-02:{second.pk}", second.email, "en"),
    ]
    reports = MonthlyReport.objects.all()
    assert {(r.month, r.language) for r in reports} == {
        (date(2026, 2, 1), "da"),
        (date(2026, 2, 1), "en"),
    }
    assert {r.language: r.file.name for r in reports} == files  # not rendered again
    for row in reports:
        assert (settings.MEDIA_ROOT / row.file.name).read_bytes().startswith(b"%PDF")


def test_the_delivery_mails_the_pdf_in_the_managers_language(
    django_capture_on_commit_callbacks,
):
    manager = _manager("m-en", "en")
    with (
        time_machine.travel(at(date(2026, 3, 1), 6), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        monthly_report.apply()  # eager: the outbox delivers once committed
    (message,) = mail.outbox
    assert message.to == [manager.email]
    assert "February 2026" in message.subject
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == ("kes-report-2026-02.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    assert Notification.objects.get(kind=NotificationKind.MONTHLY_REPORT).state == "sent"
