"""Who may see and do what: the one place views, API and file downloads ask.

Two rules run through the portal:
- an object a user may not see does not exist for them: **404**, never 403, so that
  references and CVR numbers cannot be probed;
- a page a user may see but whose action their role does not allow: **403**.

Roles come from Django groups (here) and from what the apps know: a department membership
(routing), a business membership (cases). Those apps register a *role source* when they are
ready, so this ground floor asks them without importing them.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from .constants import GROUP_ROLES, Role

RoleSource = Callable[[object], Iterable[Role]]
_ROLE_SOURCES: list[RoleSource] = []


def role_source(func: RoleSource) -> RoleSource:
    """Register a function that tells the roles an app gives a user (see the docstring)."""
    if func not in _ROLE_SOURCES:
        _ROLE_SOURCES.append(func)
    return func


def roles_of(user) -> frozenset[Role]:
    """The roles a user holds; cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kes_roles", None)
    if cached is not None:
        return cached
    roles = {
        GROUP_ROLES[name]
        for name in user.groups.values_list("name", flat=True)
        if name in GROUP_ROLES
    }
    for source in _ROLE_SOURCES:
        roles.update(source(user))
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    user._kes_roles = frozenset(roles)
    return user._kes_roles


def has_role(user, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


STAFF_ROLES = tuple(role for role in Role if role != Role.BUSINESS)


def is_staff_user(user) -> bool:
    """Anyone who works for the municipality in the portal (not a business)."""
    return has_role(user, *STAFF_ROLES)


def require_role(user, *roles: Role) -> None:
    """403 unless the user holds one of ``roles``."""
    if not has_role(user, *roles):
        raise PermissionDenied


def role_required(*roles: Role) -> Callable:
    """View decorator: anonymous users go to login, users without a role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def get_for_user_or_404(
    source: type[Model] | QuerySet,
    user,
    *,
    visible: Callable[[QuerySet, object], QuerySet],
    **lookup,
) -> Model:
    """The object matching ``lookup`` among those ``visible(queryset, user)`` allows, or 404.

    ``visible`` is the model's visibility rule (a selector); an object outside it is
    reported exactly like one that does not exist.
    """
    queryset = source._default_manager.all() if isinstance(source, type) else source
    try:
        return visible(queryset, user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
