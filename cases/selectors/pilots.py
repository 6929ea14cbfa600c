"""Reads for business pilots: the one contact person of a case, the pilots KES staff
choose from (with the size of their open portfolio), and a pilot's portfolio."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from kes.constants import ROLE_GROUPS, Role

from ..constants import CaseStatus


@dataclass(frozen=True)
class PilotContact:
    """What letters and pages name: the pilot's name and direct line."""

    name: str
    email: str
    phone: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email, "phone": self.phone}


def contact_of(user) -> PilotContact | None:
    """The contact block of a pilot (None: the case has no pilot)."""
    if user is None:
        return None
    return PilotContact(
        name=user.get_full_name() or user.get_username(),
        email=user.email or "",
        phone=getattr(user, "phone", "") or "",
    )


def pilot_contact(case) -> PilotContact | None:
    """The business's one contact person on ``case``; load ``pilot`` with the case."""
    return contact_of(case.pilot) if case.pilot_id else None


def pilot_candidates() -> QuerySet:
    """The active business pilots, each with ``open_cases`` (their open portfolio's size),
    by name: one query."""
    return (
        get_user_model()
        .objects.filter(groups__name=ROLE_GROUPS[Role.PILOT], is_active=True)
        .annotate(
            open_cases=Count(
                "piloted_cases",
                filter=~Q(piloted_cases__status=CaseStatus.CLOSED),
                distinct=True,
            )
        )
        .order_by("first_name", "last_name", "username")
    )


def pilots_holding_open_cases() -> QuerySet:
    """Everyone who pilots an open case (a pilot who left included), with ``open_cases``:
    the "from" side of a portfolio move; one query."""
    return (
        get_user_model()
        .objects.annotate(
            open_cases=Count(
                "piloted_cases",
                filter=~Q(piloted_cases__status=CaseStatus.CLOSED),
                distinct=True,
            )
        )
        .filter(open_cases__gt=0)
        .order_by("first_name", "last_name", "username")
    )
