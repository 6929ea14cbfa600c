"""What the case tests share: answers to the shipped catalogue's questions, a short way to
submit a case, and users who work in a department.

The fixtures that go with them (the shipped catalogue kept per module, ``catalogue`` and
``business``) are in ``conftest.py`` next to this module. Data a single module needs stays in
that module.
"""

from cases.constants import Outcome, TaskKind
from cases.services import task_decide, triage_approve
from intake.services import case_submit
from kes.constants import Role
from routing.constants import MembershipRole
from routing.models import Department
from routing.services import membership_set, user_roles_grant
from tests.factories import UserFactory

# --- answers, per service of the shipped catalogue ---------------------------------------

# Outdoor serving (self-service, decided by City Use), answered as a form posts it: strings,
# which submission cleans to typed values.
OUTDOOR = {
    "outdoor_serving": {"area_m2": "20", "location_type": "pavement", "serves_alcohol": "false"}
}
# The same answers already typed, as JSON carries them.
OUTDOOR_TYPED = {
    "outdoor_serving": {"area_m2": 20, "location_type": "pavement", "serves_alcohol": False}
}
A_SIGN = {"a_sign": {"number_of_signs": 1}}
PARKING = {"trade_parking_permit": {"plate_type": "yellow"}}
# An event of 300 people: self-service, decided by three departments.
SMALL_EVENT = {
    "event_public_space": {
        "expected_attendance": 300,
        "event_date": "2027-08-21",
        "location_type": "square",
        "serves_alcohol": False,
        "temporary_structures": False,
    }
}
# The same event for 5000 people: complex, so it goes to a business pilot first.
CONCERT = {"event_public_space": {**SMALL_EVENT["event_public_space"], "expected_attendance": 5000}}
# Buying a municipal plot: a star meeting.
PLOT = {"buy_municipal_plot": {"plot_reference": "Nordhavn 12a", "new_local_plan_needed": False}}

APPROVE = {"outcome": Outcome.APPROVED, "statement": "Godkendt."}


# --- submitting and deciding -------------------------------------------------------------


def submit_case(business, user, services=("outdoor_serving",), answers=OUTDOOR, **extra):
    """``case_submit`` for ``business`` by ``user``; digital, described as "Test", unless
    ``extra`` says otherwise (it is passed on as it is)."""
    extra.setdefault("channel", "digital")
    extra.setdefault("description", "Test")
    return case_submit(
        business=business, services=list(services), answers=answers, submitted_by=user, **extra
    )


def department_member(username, code, role=MembershipRole.CASEWORKER):
    """A user who works in the department ``code`` (which must exist)."""
    user = UserFactory(username=username)
    membership_set(user=user, department=Department.objects.get(code=code), role=role)
    return user


def worker(code, *, role=MembershipRole.CASEWORKER, name=None):
    """The department's own caseworker, ``w-<code>`` unless named: the same user each time."""
    return department_member(name or f"w-{code}", code, role)


def decide_all(case, outcome=APPROVE):
    """Every department decides its task on ``case`` the same way (by default: approved)."""
    for task in case.tasks.filter(kind=TaskKind.DECISION).select_related("department"):
        task_decide(task=task, by=worker(task.department.code), **outcome)


def triage_member(username="w-triage"):
    """A member of the triage committee: the same user each time."""
    user = UserFactory(username=username)
    user_roles_grant(user=user, roles=[Role.TRIAGE])
    return user


def approve_star_meeting(case):
    """The triage committee approves ``case``'s star meeting; the departments start."""
    return triage_approve(case=case, by=triage_member())
