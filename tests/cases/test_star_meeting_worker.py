"""A real Celery worker delivers a star meeting's invitations from the outbox: one mail per
recipient with the .ics attached, after the planning transaction committed."""

import os
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
from tests.workers import mail_worker, wait_for_worker


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
    with mail_worker(tmp_path, settings) as (mails, worker):
        plan(meeting, kes_user, timezone.now().replace(microsecond=0) + timedelta(days=12))
        invitations = Notification.objects.filter(kind=NotificationKind.MEETING_INVITATION)
        wait_for_worker(
            worker,
            lambda: (
                invitations.exists()
                and not invitations.exclude(state=NotificationState.SENT).exists()
            ),
            "send the invitations",
        )
    assert invitations.count() == 2  # the business and the participant
    sent = [path.read_text(errors="replace") for path in mails.iterdir()]
    assert len(sent) == 2
    for content in sent:
        assert "BEGIN:VCALENDAR" in content or "QkVHSU46VkNBTEVOREFS" in content
        assert meeting.case.reference in content
