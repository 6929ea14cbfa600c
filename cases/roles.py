"""The role a business membership gives (registered with ``kes.access``)."""

from kes.access import role_source
from kes.constants import Role

from .selectors import businesses_of


@role_source
def business_role(user) -> set[Role]:
    return {Role.BUSINESS} if businesses_of(user).exists() else set()
