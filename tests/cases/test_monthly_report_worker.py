import os

import pytest
from django.utils import timezone

from cases.constants import NotificationKind
from cases.models import MonthlyReport
from cases.stats.periods import previous_month
from cases.tasks import monthly_report
from kes.constants import Role
from kes.models import Notification
from routing.services import user_roles_grant
from tests.factories import UserFactory
from tests.workers import mail_worker, wait_for_worker


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: no Redis to use")
def test_a_real_worker_builds_the_report_and_mails_it_to_each_manager(
    transactional_db, tmp_path, settings
):
    managers = [UserFactory(username="m-worker-da"), UserFactory(username="m-worker-en")]
    managers[1].language = "en"
    managers[1].save()
    for user in managers:
        user_roles_grant(user=user, roles=[Role.MANAGER])
    month = previous_month(timezone.localdate())
    with mail_worker(tmp_path, settings) as (mails, worker):
        # Beat's task, run here: its outbox rows go to this test's worker once committed
        # (a task the worker ran itself would enqueue them on the default queue).
        monthly_report.apply()

        def delivered():
            rows = Notification.objects.filter(kind=NotificationKind.MONTHLY_REPORT)
            return rows.filter(state="sent").count() == len(managers)

        wait_for_worker(worker, delivered, "mail the monthly report", seconds=120)
    assert MonthlyReport.objects.filter(month=month).exclude(file="").count() == 2
    sent = sorted(mails.iterdir())
    assert len(sent) == 2
    contents = [path.read_text(errors="replace") for path in sent]
    for user in managers:
        (mail,) = [text for text in contents if f"To: {user.email}" in text]
        assert "Content-Type: application/pdf" in mail
        assert f'filename="kes-report-{month:%Y-%m}.pdf"' in mail
