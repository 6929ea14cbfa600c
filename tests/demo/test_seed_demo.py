import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cases.models import Business
from kes.access import roles_of
from kes.constants import Role
from routing.models import Department

DEMO_ROLES = {
    "demo-business": {Role.BUSINESS},
    "demo-kes": {Role.KES_STAFF, Role.CASEWORKER, Role.DEPARTMENT_LEAD},
    "demo-pilot": {Role.PILOT},
    "demo-triage": {Role.TRIAGE},
    "demo-manager": {Role.MANAGER},
    # The only member of a demo department leads it, so assigning can be tried.
    "demo-city_use": {Role.CASEWORKER, Role.DEPARTMENT_LEAD},
    "demo-building": {Role.CASEWORKER, Role.DEPARTMENT_LEAD},
    "demo-admin": {Role.ADMINISTRATOR},
}


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-password"
    call_command("seed_demo", verbosity=0)


@pytest.mark.parametrize("username,roles", DEMO_ROLES.items())
def test_demo_users_have_their_roles(seeded, username, roles):
    user = get_user_model().objects.get(username=username)
    assert set(roles_of(user)) == roles
    assert user.check_password("demo-password")


def test_one_caseworker_per_department(seeded):
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    codes = set(Department.objects.values_list("code", flat=True))
    assert len(codes) == 14
    assert {f"demo-{code}" for code in codes} <= usernames
    member = get_user_model().objects.get(username="demo-parks")
    assert list(member.department_memberships.values_list("department__code", flat=True)) == [
        "parks"
    ]


def test_demo_business_is_demo_cafe(seeded):
    business = Business.objects.get(cvr="12345607")
    assert business.name == "Demo Café ApS"
    assert list(business.users.values_list("username", flat=True)) == ["demo-business"]


def test_seed_twice_changes_nothing(seeded, capsys):
    users = list(get_user_model().objects.order_by("pk").values("pk", "username", "password"))
    businesses = Business.objects.count()
    call_command("seed_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert (
        list(get_user_model().objects.order_by("pk").values("pk", "username", "password")) == users
    )
    assert Business.objects.count() == businesses


def test_password_comes_from_setting(db, settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "another-secret-123"
    call_command("seed_demo", verbosity=0)
    assert get_user_model().objects.get(username="demo-kes").check_password("another-secret-123")


def test_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.exists()
    call_command("seed_demo", "--force", verbosity=0)
    assert get_user_model().objects.filter(username="demo-business").exists()


def test_demo_cases_fill_the_queues_once(seeded):
    from cases.constants import TaskStatus

    cafe = Business.objects.get(cvr="12345607")
    others = cafe.cases.exclude(services__service__code="buy_municipal_plot").exclude(track="pilot")
    cases = list(others.order_by("pk"))
    assert [case.track for case in cases] == ["self_service", "self_service", "immediate"]
    assert cases[1].tasks.filter(status=TaskStatus.WAITING).count() == 1
    assert cases[2].tasks.get().department.code == "kes"
    call_command("seed_demo", verbosity=0)
    assert others.count() == 3
