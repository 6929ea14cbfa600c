"""A real Celery worker delivers a star meeting's invitations from the outbox: one mail per
recipient with the .ics attached, after the planning transaction committed."""

import os
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.constants import NotificationKind
from cases.services import meeting_participant_add
from kes.constants import NotificationState
from kes.models import Notification
from routing.models import Department
from tests.cases.helpers import worker as department_worker
from tests.cases.meeting_helpers import approved_meeting, plan
from tests.factories import BusinessMembershipFactory, UserFactory, load_shipped_catalogue
from tests.workers import celery_worker, worker_database_url, worker_output


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: no Redis to use")
def test_a_real_worker_sends_the_invitations(transactional_db, tmp_path, settings, kes_user):
    load_shipped_catalogue()
    membership = BusinessMembershipFactory(user=UserFactory(username="t-meeting-worker"))
    meeting = approved_meeting(membership.business, kes_user)
    meeting_participant_add(
        meeting=meeting,
        by=kes_user,
        user=department_worker("building"),
        department=Department.objects.get(code="building"),
    )
    mails = tmp_path / "mails"
    mails.mkdir()
    with celery_worker(
        DATABASE_URL=worker_database_url(),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        EMAIL_URL=f"filemail:///{mails}",
        CELERY_TASK_ALWAYS_EAGER="false",
    ) as (_queue, worker):
        plan(meeting, kes_user, timezone.now().replace(microsecond=0) + timedelta(days=12))
        invitations = Notification.objects.filter(kind=NotificationKind.MEETING_INVITATION)
        deadline = time.monotonic() + 90
        while invitations.exclude(state=NotificationState.SENT).exists() or not invitations:
            if worker.poll() is not None:
                pytest.fail(f"worker died: {worker_output(worker)}")
            if time.monotonic() > deadline:
                pytest.fail("the worker did not send the invitations within 90 s")
            time.sleep(0.3)
    assert invitations.count() == 2  # the business and the participant
    sent = [path.read_text(errors="replace") for path in mails.iterdir()]
    assert len(sent) == 2
    for content in sent:
        assert "BEGIN:VCALENDAR" in content or "QkVHSU46VkNBTEVOREFS" in content
        assert meeting.case.reference in content
