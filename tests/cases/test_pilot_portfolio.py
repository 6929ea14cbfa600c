"""A pilot leaves: their open cases move to another pilot in one action, audited, with the
open follow-ups; each business is told its new contact person. And the business sees its
pilot on Mine sager and on the case page."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cases.constants import CaseStatus, EventKind, NotificationKind, TaskKind
from cases.models import CaseEvent, FollowUp
from cases.services import case_pilot_assign, follow_up_create, pilot_portfolio_reassign
from kes.constants import Role
from kes.models import Notification
from routing.services import user_roles_grant
from tests.cases.helpers import CONCERT, submit_case


@pytest.fixture
def second_pilot(django_user_model):
    user = django_user_model.objects.create_user(
        "t-pilot-2", first_name="Nina", last_name="Ny", email="nina@kk.example"
    )
    user.phone = "+45 33 66 99 99"
    user.save()
    user_roles_grant(user=user, roles=[Role.PILOT])
    return user


def _cases(business, business_user, kes_user, pilot, n):
    cases = []
    for _ in range(n):
        case = submit_case(business, business_user, ["event_public_space"], CONCERT)
        case_pilot_assign(case=case, pilot=pilot, by=kes_user)
        case.refresh_from_db()
        follow_up_create(
            case=case, text="Ring", due_on=timezone.localdate() + timedelta(days=1), by=pilot
        )
        cases.append(case)
    return cases


def test_every_open_case_moves_with_its_task_and_follow_ups(
    catalogue,
    business,
    business_user,
    kes_user,
    pilot_user,
    second_pilot,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    cases = _cases(business, business_user, kes_user, pilot_user, 3)
    closed = cases[2]
    type(closed).objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = pilot_portfolio_reassign(
            from_pilot=pilot_user, to_pilot=second_pilot, by=kes_user, reason="Orlov"
        )
    assert {case.pk for case in moved} == {cases[0].pk, cases[1].pk}
    for case in cases[:2]:
        case.refresh_from_db()
        assert case.pilot == second_pilot
        assert case.tasks.get(kind=TaskKind.ASSIGN_PILOT).assignee == second_pilot
        assert case.follow_ups.get().assignee == second_pilot
        event = CaseEvent.objects.filter(case=case, kind=EventKind.PILOT_ASSIGNED).last()
        assert event.data == {"to": second_pilot.pk, "previous": pilot_user.pk, "portfolio": True}
        assert event.actor == kes_user and event.note == "Orlov"
        assert Notification.objects.filter(
            kind=NotificationKind.PILOT_ASSIGNED,
            key=f"{NotificationKind.PILOT_ASSIGNED}:{event.pk}",
        ).exists()
    closed.refresh_from_db()
    assert closed.pilot == pilot_user, "a closed case keeps the pilot who had it"
    assert len(mailoutbox) == 2
    assert all("Nina Ny" in mail.body and "+45 33 66 99 99" in mail.body for mail in mailoutbox)


def test_the_move_takes_the_same_statements_for_one_or_many_cases(
    catalogue, business, business_user, kes_user, pilot_user, second_pilot, monkeypatch
):
    # Each case's outbox row is a side effect's own row (counted by the outbox's tests);
    # everything else is set-based.
    from cases.services import portfolio

    monkeypatch.setattr(portfolio, "pilot_assigned_notice_add", lambda **kwargs: None)

    def fresh(user):  # roles are cached on the user object: ask again each time
        return type(user).objects.get(pk=user.pk)

    def counted():
        by, to = fresh(kes_user), fresh(second_pilot)
        with CaptureQueriesContext(connection) as queries:
            moved = pilot_portfolio_reassign(from_pilot=pilot_user, to_pilot=to, by=by)
        pilot_portfolio_reassign(from_pilot=second_pilot, to_pilot=pilot_user, by=kes_user)
        assert moved
        return len(queries)

    _cases(business, business_user, kes_user, pilot_user, 1)
    one = counted()
    _cases(business, business_user, kes_user, pilot_user, 4)
    assert counted() == one


@pytest.mark.parametrize("who", ["pilot_user", "manager_user", "caseworker_user", "business_user"])
def test_only_kes_staff_move_a_portfolio(request, catalogue, pilot_user, second_pilot, who):
    with pytest.raises(PermissionDenied):
        pilot_portfolio_reassign(
            from_pilot=pilot_user, to_pilot=second_pilot, by=request.getfixturevalue(who)
        )


@pytest.mark.parametrize(
    ("target", "reason", "field"),
    [
        ("same", "", "to_pilot"),
        ("kes", "", "to_pilot"),
        ("none", "", "to_pilot"),
        ("second", "x" * 2001, "reason"),
        ("second", "nul\x00", "reason"),
        ("second", 12, "reason"),
    ],
)
def test_bad_moves_are_refused_and_nothing_moves(
    catalogue,
    business,
    business_user,
    kes_user,
    pilot_user,
    second_pilot,
    target,
    reason,
    field,
):
    (case,) = _cases(business, business_user, kes_user, pilot_user, 1)
    to = {"same": pilot_user, "kes": kes_user, "none": None, "second": second_pilot}[target]
    with pytest.raises(ValidationError) as excinfo:
        pilot_portfolio_reassign(from_pilot=pilot_user, to_pilot=to, by=kes_user, reason=reason)
    assert field in excinfo.value.message_dict
    case.refresh_from_db()
    assert case.pilot == pilot_user
    assert FollowUp.objects.get().assignee == pilot_user


def test_the_move_page_moves_the_cases(
    client, catalogue, business, business_user, kes_user, pilot_user, second_pilot
):
    _cases(business, business_user, kes_user, pilot_user, 2)
    client.force_login(kes_user)
    with translation.override("en"):
        url = reverse("pilot_reassign")
    page = client.get(url).content.decode()
    assert "2 open cases" in page
    response = client.post(url, {"from_pilot": pilot_user.pk, "to_pilot": second_pilot.pk})
    assert response.status_code == 302
    assert set(type(pilot_user).objects.get(pk=second_pilot.pk).piloted_cases.all()) != set()
    bad = client.post(url, {"from_pilot": pilot_user.pk, "to_pilot": "abc"})
    assert bad.status_code == 200


def test_the_business_sees_its_contact_person(
    client, catalogue, business, business_user, kes_user, pilot_user, other_business_user
):
    pilot_user.first_name, pilot_user.last_name = "Petra", "Lods"
    pilot_user.phone, pilot_user.email = "+45 33 66 12 34", "petra@kk.example"
    pilot_user.save()
    case = submit_case(business, business_user, ["event_public_space"], CONCERT)
    client.force_login(business_user)
    with translation.override("en"):
        detail = reverse("my_case_detail", args=[case.reference])
        listing = reverse("my_cases")
    assert 'data-testid="your-pilot"' not in client.get(detail).content.decode()
    case_pilot_assign(case=case, pilot=pilot_user, by=kes_user)
    for url in (detail, listing):
        page = client.get(url).content.decode()
        assert 'data-testid="your-pilot"' in page
        assert "Petra Lods" in page and "+45 33 66 12 34" in page and "petra@kk.example" in page
    client.force_login(other_business_user)
    assert "Petra Lods" not in client.get(listing).content.decode()
