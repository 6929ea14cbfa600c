"""The roles a department membership gives (registered with ``kes.access``)."""

from kes.access import role_source
from kes.constants import Role

from .constants import MembershipRole
from .selectors import membership_roles_of


@role_source
def membership_roles(user) -> set[Role]:
    held = membership_roles_of(user)
    roles = {Role.CASEWORKER} if held else set()
    if MembershipRole.LEAD in held:
        roles.add(Role.DEPARTMENT_LEAD)
    return roles
