"""The fixed users per role that tests log in as."""

import pytest

from kes.constants import Role
from routing.constants import MembershipRole
from routing.services import membership_set, user_roles_grant

from .factories import BusinessMembershipFactory, DepartmentFactory, UserFactory


@pytest.fixture
def business_user(db):
    return BusinessMembershipFactory(user=UserFactory(username="t-business")).user


@pytest.fixture
def other_business_user(db):
    return BusinessMembershipFactory(user=UserFactory(username="t-other-business")).user


def _group_user(username, role):
    user = UserFactory(username=username)
    user_roles_grant(user=user, roles=[role])
    return user


@pytest.fixture
def kes_user(db):
    return _group_user("t-kes", Role.KES_STAFF)


@pytest.fixture
def pilot_user(db):
    return _group_user("t-pilot", Role.PILOT)


@pytest.fixture
def triage_user(db):
    return _group_user("t-triage", Role.TRIAGE)


@pytest.fixture
def manager_user(db):
    return _group_user("t-manager", Role.MANAGER)


@pytest.fixture
def advisor_user(db):
    """A business advisor of KES: courses, counselling and outreach (advisory)."""
    return _group_user("t-advisor", Role.ADVISOR)


@pytest.fixture
def caseworker_user(db):
    user = UserFactory(username="t-caseworker")
    membership_set(user=user, department=DepartmentFactory(code="city_use"))
    return user


@pytest.fixture
def lead_user(db):
    user = UserFactory(username="t-lead")
    membership_set(
        user=user, department=DepartmentFactory(code="city_use"), role=MembershipRole.LEAD
    )
    return user


@pytest.fixture
def administrator_user(db):
    """The administrator: maintains the catalogue and departments in the Django admin."""
    return UserFactory(username="t-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def outsider_user(db):
    """Logged in, but no business and no role."""
    return UserFactory(username="t-outsider")
