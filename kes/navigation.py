"""The staff navigation: each entry shows only for the roles that may use it.

Entries name a URL; those whose page is not built yet (no such URL name) are left out,
so an issue that adds the page makes its entry appear.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .access import STAFF_ROLES, roles_of
from .constants import Role


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str
    roles: frozenset[Role]


STAFF_NAVIGATION = (
    NavEntry("staff_home", _("Overview"), frozenset(STAFF_ROLES)),
    NavEntry("staff_intake", _("Front desk"), frozenset({Role.KES_STAFF})),
    NavEntry(
        "task_inbox",
        _("My tasks"),
        frozenset({Role.CASEWORKER, Role.DEPARTMENT_LEAD, Role.KES_STAFF}),
    ),
    NavEntry(
        "department_queue",
        _("My department's queue"),
        frozenset({Role.CASEWORKER, Role.DEPARTMENT_LEAD, Role.KES_STAFF}),
    ),
    NavEntry(
        "staff_case_list",
        _("Cases"),
        frozenset({Role.KES_STAFF, Role.PILOT, Role.TRIAGE, Role.MANAGER, Role.CASEWORKER}),
    ),
    NavEntry("pilot_cases", _("My cases as pilot"), frozenset({Role.PILOT})),
    NavEntry("pilot_follow_ups", _("My follow-ups"), frozenset({Role.PILOT})),
    NavEntry("triage_list", _("Triage"), frozenset({Role.TRIAGE})),
    NavEntry("meeting_list", _("Star meetings"), frozenset({Role.KES_STAFF})),
    NavEntry(
        "my_meetings",
        _("My star meetings"),
        frozenset({Role.CASEWORKER, Role.DEPARTMENT_LEAD, Role.KES_STAFF}),
    ),
    NavEntry("pilot_reassign", _("Move a pilot's portfolio"), frozenset({Role.KES_STAFF})),
    NavEntry("staff_dashboard", _("Dashboard"), frozenset({Role.MANAGER, Role.DEPARTMENT_LEAD})),
    NavEntry("advice_staff", _("Advice"), frozenset({Role.ADVISOR})),
    NavEntry("advice_figures", _("Advice figures"), frozenset({Role.MANAGER})),
    NavEntry("admin:index", _("Administration"), frozenset({Role.ADMINISTRATOR})),
)


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    current: bool


def staff_navigation(user, current_path: str = "") -> list[NavItem]:
    roles = roles_of(user)
    items = []
    for entry in STAFF_NAVIGATION:
        if not roles & entry.roles:
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append(NavItem(url=url, label=str(entry.label), current=current_path == url))
    return items
