import re
import threading

import pytest
from django.db import connection

from cases.models import Case, ReferenceCounter
from cases.services import case_reference_next
from intake.services import case_submit
from tests.factories import BusinessMembershipFactory, UserFactory, load_shipped_catalogue


@pytest.mark.django_db
def test_references_count_per_year_with_six_digits():
    assert case_reference_next(2026) == "KES-2026-000001"
    assert case_reference_next(2026) == "KES-2026-000002"
    assert case_reference_next(2027) == "KES-2027-000001"
    ReferenceCounter.objects.filter(year=2026).update(last=999_998)
    assert case_reference_next(2026) == "KES-2026-999999"


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite ignores SELECT FOR UPDATE and serialises writers; run on PostgreSQL",
)
def test_concurrent_submissions_get_distinct_references(transactional_db, monkeypatch):
    load_shipped_catalogue()
    # The receipt is not what this test is about; rendering 20 PDFs would only slow it.
    monkeypatch.setattr("kes.services.enqueue_delivery", lambda notification_id: None)
    membership = BusinessMembershipFactory(user=UserFactory(username="t-concurrent"))
    workers = 20
    barrier = threading.Barrier(workers)
    failures = []

    def submit():
        try:
            barrier.wait(timeout=30)
            case_submit(
                business=membership.business,
                channel="digital",
                services=["sign_rules"],
                answers={},
                description="Samtidig",
                submitted_by=membership.user,
            )
        except Exception as exc:  # noqa: BLE001  (reported below)
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(references) == workers
    assert len(set(references)) == workers
    numbers = sorted(int(re.fullmatch(r"KES-\d{4}-(\d{6})", r).group(1)) for r in references)
    assert numbers == list(range(1, workers + 1))
