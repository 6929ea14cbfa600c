import os

import pytest

from cases.constants import CaseStatus, EventKind, LetterKind, Outcome
from cases.models import Letter
from cases.services import task_decide
from tests.cases.helpers import OUTDOOR_TYPED, department_member, submit_case
from tests.factories import BusinessMembershipFactory, UserFactory, load_shipped_catalogue
from tests.workers import mail_worker, wait_for_worker


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: no Redis to use")
def test_a_real_worker_sends_the_decision_letter_after_the_case_closes(
    transactional_db, tmp_path, settings, monkeypatch
):
    load_shipped_catalogue()
    membership = BusinessMembershipFactory(user=UserFactory(username="t-worker"))
    caseworker = department_member("w-city_use", "city_use")
    # The receipt has its own worker test; here it would only be one more mail.
    monkeypatch.setattr("kes.services.enqueue_delivery", lambda notification_id: None)
    case = submit_case(
        membership.business,
        membership.user,
        ["outdoor_serving"],
        OUTDOOR_TYPED,
        description="Borde foran caféen",
    )
    with mail_worker(tmp_path, settings) as (mails, worker):
        monkeypatch.undo()  # the decision letter's own after-commit enqueue goes to the worker
        task_decide(
            task=case.tasks.get(),
            by=caseworker,
            outcome=Outcome.APPROVED_WITH_CONDITIONS,
            statement="Udeserveringen kan godkendes.",
            conditions="Der skal være 1,5 meter fri passage.",
        )
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED
        sent = Letter.objects.filter(case=case, kind=LetterKind.DECISION, sent_at__isnull=False)
        wait_for_worker(worker, sent.exists, "send the decision letter")
    letter = sent.get()
    assert (settings.MEDIA_ROOT / letter.file.name).read_bytes().startswith(b"%PDF")
    (mail,) = list(mails.iterdir())
    content = mail.read_text(errors="replace")
    assert case.reference in content
    assert membership.business.email in content
    assert f"{case.reference}-decision.pdf" in content
    assert case.events.filter(kind=EventKind.LETTER_SENT).count() == 1
