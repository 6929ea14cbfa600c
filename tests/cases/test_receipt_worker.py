import os
from pathlib import Path

import pytest

from cases.models import Letter
from tests.cases.helpers import submit_case
from tests.factories import BusinessMembershipFactory, UserFactory, load_shipped_catalogue
from tests.workers import mail_worker, wait_for_worker

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: no Redis to use")
def test_a_real_worker_sends_the_receipt_after_commit(
    transactional_db, tmp_path, settings, monkeypatch
):
    load_shipped_catalogue()
    membership = BusinessMembershipFactory(user=UserFactory(username="t-worker"))
    with mail_worker(tmp_path, settings) as (mails, worker):
        case = submit_case(
            membership.business,
            membership.user,
            ["sign_rules"],
            {},
            description="Skilte på facaden",
        )
        wait_for_worker(
            worker,
            lambda: Letter.objects.filter(case=case, sent_at__isnull=False).exists(),
            "send the receipt",
        )
        letter = Letter.objects.get(case=case)
        assert (settings.MEDIA_ROOT / letter.file.name).read_bytes().startswith(b"%PDF")
        sent = list(mails.iterdir())
        assert len(sent) == 1
        content = sent[0].read_text(errors="replace")
        assert case.reference in content
        assert membership.business.email in content
        assert case.events.filter(kind="receipt_sent").count() == 1
