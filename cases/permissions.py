"""Who may do what on a case, beyond seeing it (``selectors.cases_visible_to`` decides that).

- A department task is worked by the members of its department; KES's own tasks by KES
  staff (and members of the KES department).
- Assigning, releasing and reassigning someone else's task is for the department's lead.
- Staff may write on a case (messages, notes) when they may work one of its tasks, or are
  KES staff or a pilot; managers and the triage committee only read.
- The business's users write as the business.
"""

from kes.access import has_role
from kes.constants import Role
from routing.constants import MembershipRole
from routing.selectors import memberships_of

from .models import BusinessMembership
from .tracks import KES_TASK_KINDS


def _memberships(user) -> dict[int, str]:
    """Department id → membership role, cached on the user for the request."""
    cached = getattr(user, "_kes_memberships", None)
    if cached is None:
        cached = {}
        if user.is_authenticated:
            cached = dict(memberships_of(user).values_list("department_id", "role"))
        user._kes_memberships = cached
    return cached


def department_ids_of(user) -> set[int]:
    return set(_memberships(user))


def may_work_task(user, task) -> bool:
    if task.kind in KES_TASK_KINDS and has_role(user, Role.KES_STAFF):
        return True
    return task.department_id in _memberships(user)


def may_lead_task(user, task) -> bool:
    if task.kind in KES_TASK_KINDS and has_role(user, Role.KES_STAFF):
        return True
    return _memberships(user).get(task.department_id) == MembershipRole.LEAD


def is_business_of(user, case) -> bool:
    return (
        user.is_authenticated
        and BusinessMembership.objects.filter(user=user, business_id=case.business_id).exists()
    )


def may_write_on_case(user, case) -> bool:
    """Staff who may add messages and internal notes to a case."""
    if has_role(user, Role.KES_STAFF, Role.PILOT):
        return True
    departments = department_ids_of(user)
    return bool(departments) and case.tasks.filter(department_id__in=departments).exists()
