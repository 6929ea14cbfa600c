"""follow_up_create and follow_up_done: the one service for follow-up tasks (the pilot's
own, and the service-target sweep's with a key, which exist once)."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.constants import EventKind, FollowUpSource, TaskKind
from cases.models import CaseEvent, FollowUp
from cases.services import case_pilot_assign, follow_up_create, follow_up_done
from tests.cases.helpers import CONCERT, OUTDOOR, submit_case


def _today():
    return timezone.localdate()


@pytest.fixture
def case(catalogue, business, business_user, kes_user, pilot_user):
    case = submit_case(business, business_user, ["event_public_space"], CONCERT)
    case_pilot_assign(case=case, pilot=pilot_user, by=kes_user)
    case.refresh_from_db()
    return case


def test_a_pilot_writes_a_follow_up_for_themself(case, pilot_user):
    follow_up = follow_up_create(
        case=case, text="  Ring til BIF  ", due_on=_today() + timedelta(days=2), by=pilot_user
    )
    assert follow_up.assignee == pilot_user and follow_up.text == "Ring til BIF"
    assert follow_up.source == FollowUpSource.MANUAL and follow_up.key is None
    event = CaseEvent.objects.get(case=case, kind=EventKind.FOLLOW_UP_CREATED)
    assert event.actor == pilot_user and event.data["follow_up"] == follow_up.pk


def test_the_stale_case_object_still_finds_the_pilot(
    catalogue, business, business_user, kes_user, pilot_user
):
    case = submit_case(business, business_user, ["event_public_space"], CONCERT)
    case_pilot_assign(case=case, pilot=pilot_user, by=kes_user)  # ``case`` not refreshed
    follow_up = follow_up_create(case=case, text="Ring", due_on=_today(), by=pilot_user)
    assert follow_up.assignee == pilot_user


def test_the_sweep_writes_a_keyed_follow_up_once(case):
    task = case.tasks.get(kind=TaskKind.ASSIGN_PILOT)
    first = follow_up_create(
        case=case,
        text="Ring til afdelingen om opgave X",
        due_on=_today(),
        task=task,
        source=FollowUpSource.MILESTONE,
        key=f"warning:{task.pk}",
    )
    again = follow_up_create(
        case=case,
        text="Ring til afdelingen om opgave X",
        due_on=_today(),
        task=task,
        source=FollowUpSource.MILESTONE,
        key=f"warning:{task.pk}",
    )
    assert first.pk == again.pk and FollowUp.objects.count() == 1
    assert CaseEvent.objects.filter(kind=EventKind.FOLLOW_UP_CREATED).count() == 1
    assert first.created_by is None


def test_the_sweep_may_write_a_due_date_in_the_past(case):
    follow_up = follow_up_create(
        case=case, text="Ring", due_on=_today() - timedelta(days=3), key="sweep:late"
    )
    assert follow_up.due_on == _today() - timedelta(days=3)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": None}, "text"),
        ({"text": 42}, "text"),
        ({"text": ["a list"]}, "text"),
        ({"text": "x" * 10001}, "text"),
        ({"text": "nul\x00byte"}, "text"),
        ({"text": "lone \ud800 surrogate"}, "text"),
        ({"due_on": None}, "due_on"),
        ({"due_on": "2026-12-24"}, "due_on"),
        ({"due_on": 20261224}, "due_on"),
        ({"due_on": datetime(2030, 1, 1)}, "due_on"),
        ({"due_on": "yesterday"}, "due_on"),
        ({"days": -1}, "due_on"),
        ({"days": -365 * 500}, "due_on"),
        ({"days": 367}, "due_on"),
        ({"days": 10**6}, "due_on"),
        ({"source": "gossip"}, "source"),
        ({"key": ""}, "key"),
        ({"key": "k" * 121}, "key"),
        ({"key": 12}, "key"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(case, pilot_user, changes, field):
    arguments = {"case": case, "text": "Ring", "due_on": _today(), "by": pilot_user}
    days = changes.pop("days", None)
    if days is not None:
        try:
            arguments["due_on"] = _today() + timedelta(days=days)
        except OverflowError:
            pytest.skip("not a representable date")
    arguments.update(changes)
    with pytest.raises(ValidationError) as excinfo:
        follow_up_create(**arguments)
    assert field in excinfo.value.message_dict
    assert not FollowUp.objects.exists()
    assert not CaseEvent.objects.filter(kind=EventKind.FOLLOW_UP_CREATED).exists()


def test_a_task_of_another_case_is_refused(case, catalogue, business, business_user, pilot_user):
    other = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    with pytest.raises(ValidationError) as excinfo:
        follow_up_create(
            case=case, text="Ring", due_on=_today(), by=pilot_user, task=other.tasks.get()
        )
    assert "task" in excinfo.value.message_dict
    assert not FollowUp.objects.exists()


def test_a_case_without_a_pilot_needs_an_assignee(catalogue, business, business_user, kes_user):
    case = submit_case(business, business_user, ["event_public_space"], CONCERT)
    with pytest.raises(ValidationError) as excinfo:
        follow_up_create(case=case, text="Ring", due_on=_today(), by=kes_user)
    assert "assignee" in excinfo.value.message_dict


@pytest.mark.parametrize("who", ["caseworker_user", "manager_user", "business_user"])
def test_only_the_pilot_and_kes_staff_write_follow_ups(case, request, who):
    with pytest.raises(PermissionDenied):
        follow_up_create(case=case, text="Ring", due_on=_today(), by=request.getfixturevalue(who))
    assert not FollowUp.objects.exists()


def test_done_once_with_its_outcome(case, pilot_user):
    follow_up = follow_up_create(case=case, text="Ring", due_on=_today(), by=pilot_user)
    follow_up_done(follow_up=follow_up, by=pilot_user, note="Talt med dem")
    again = follow_up_done(follow_up=follow_up, by=pilot_user, note="Igen")
    assert again.done_note == "Talt med dem"
    assert CaseEvent.objects.filter(kind=EventKind.FOLLOW_UP_DONE).count() == 1


@pytest.mark.parametrize("note", ["x" * 10001, "nul\x00", "\udfff", 7])
def test_a_bad_outcome_is_refused(case, pilot_user, note):
    follow_up = follow_up_create(case=case, text="Ring", due_on=_today(), by=pilot_user)
    with pytest.raises(ValidationError):
        follow_up_done(follow_up=follow_up, by=pilot_user, note=note)
    follow_up.refresh_from_db()
    assert follow_up.done_at is None


@pytest.mark.parametrize("who", ["caseworker_user", "manager_user", "business_user"])
def test_others_may_not_mark_it_done(case, pilot_user, request, who):
    follow_up = follow_up_create(case=case, text="Ring", due_on=_today(), by=pilot_user)
    with pytest.raises(PermissionDenied):
        follow_up_done(follow_up=follow_up, by=request.getfixturevalue(who))
    follow_up.refresh_from_db()
    assert follow_up.done_at is None


def test_kes_staff_may_mark_it_done(case, pilot_user, kes_user):
    follow_up = follow_up_create(case=case, text="Ring", due_on=_today(), by=pilot_user)
    assert follow_up_done(follow_up=follow_up, by=kes_user).done_by == kes_user
