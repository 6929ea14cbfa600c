import pytest
from django.db.models import ProtectedError

from cases.models import AppendOnlyError, Case, CaseEvent
from tests.cases.helpers import submit_case


@pytest.fixture
def case(business, business_user):
    return submit_case(business, business_user, ["sign_rules"], {}, description="Skilte")


def test_new_events_can_be_added(case):
    before = case.events.count()
    CaseEvent.objects.create(case=case, kind="receipt_sent")
    CaseEvent(case=case, kind="receipt_sent", note="again").save()
    assert case.events.count() == before + 2


def test_an_event_cannot_be_changed_or_deleted(case):
    event = case.events.first()
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    event.refresh_from_db()
    assert event.note == ""


@pytest.mark.parametrize(
    "operation",
    [
        lambda qs: qs.update(note="rewritten"),
        lambda qs: qs.delete(),
        lambda qs: qs.bulk_update(list(qs), ["note"]),
        lambda qs: qs.update_or_create(kind="received", defaults={"note": "x"}),
    ],
    ids=["update", "delete", "bulk_update", "update_or_create"],
)
def test_querysets_of_events_refuse_changes(case, operation):
    before = case.events.count()
    with pytest.raises(AppendOnlyError):
        operation(CaseEvent.objects.filter(case=case))
    with pytest.raises(AppendOnlyError):
        operation(case.events.all())
    assert not case.events.exclude(note="").exists()
    assert case.events.count() == before


def test_a_case_with_events_cannot_be_deleted(case):
    with pytest.raises(ProtectedError):
        Case.objects.filter(pk=case.pk).delete()
    assert Case.objects.filter(pk=case.pk).exists()
