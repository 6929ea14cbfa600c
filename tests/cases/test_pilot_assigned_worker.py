"""A real Celery worker delivers the "your business pilot" notice after commit: one mail
to the business naming the pilot with direct phone and e-mail, recorded once."""

import os

import pytest

from cases.constants import EventKind, NotificationKind
from cases.services import case_pilot_assign
from kes.constants import NotificationState, Role
from kes.models import Notification
from routing.services import user_roles_grant
from tests.cases.helpers import CONCERT, submit_case
from tests.factories import BusinessMembershipFactory, UserFactory, load_shipped_catalogue
from tests.workers import mail_worker, wait_for_worker


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: no Redis to use")
def test_a_real_worker_tells_the_business_its_pilot(transactional_db, tmp_path, settings):
    load_shipped_catalogue()
    membership = BusinessMembershipFactory(user=UserFactory(username="t-worker-business"))
    kes = UserFactory(username="t-worker-kes")
    user_roles_grant(user=kes, roles=[Role.KES_STAFF])
    pilot = UserFactory(
        username="t-worker-pilot", first_name="Petra", last_name="Lods", email="petra@kk.example"
    )
    pilot.phone = "+45 33 66 12 34"
    pilot.save()
    user_roles_grant(user=pilot, roles=[Role.PILOT])
    case = submit_case(membership.business, membership.user, ["event_public_space"], CONCERT)
    with mail_worker(tmp_path, settings) as (mails, worker):
        case_pilot_assign(case=case, pilot=pilot, by=kes)
        notice = Notification.objects.get(kind=NotificationKind.PILOT_ASSIGNED)
        wait_for_worker(
            worker,
            lambda: Notification.objects.get(pk=notice.pk).state == NotificationState.SENT,
            "deliver the notice",
        )
    sent = [path for path in mails.iterdir() if "Petra Lods" in path.read_text(errors="replace")]
    assert len(sent) == 1
    content = sent[0].read_text(errors="replace")
    assert "+45 33 66 12 34" in content and "petra@kk.example" in content
    assert membership.business.email in content
    assert (
        case.events.filter(kind=EventKind.MESSAGE_SENT, data__notification=notice.key).count() == 1
    )
