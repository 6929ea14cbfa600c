"""Virksomhedslods: moving a pilot's whole portfolio to another pilot (the pilot leaves or
is away), in one action: every open case, its waiting "assign a pilot" task and the open
follow-ups move; each case gets its audit event and its business a notice naming the new
contact person. Set-based: the statements do not grow with the number of cases (the
outbox rows are one each, as every side effect is)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kes.access import has_role
from kes.constants import Role

from ..constants import CaseStatus, EventKind, TaskKind, TaskStatus
from ..models import Case, CaseEvent, DepartmentTask, FollowUp
from .checks import check_text
from .pilots import is_pilot, pilot_assigned_notice_add

REASON_MAX_LENGTH = 2000


@transaction.atomic
def pilot_portfolio_reassign(*, from_pilot, to_pilot, by, reason: str = "") -> list[Case]:
    """Move every open case of ``from_pilot`` to ``to_pilot``; returns the moved cases."""
    if not has_role(by, Role.KES_STAFF):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if to_pilot is None or not is_pilot(to_pilot):
        errors["to_pilot"] = [_("Choose one of the business pilots.")]
    elif from_pilot is not None and to_pilot.pk == from_pilot.pk:
        errors["to_pilot"] = [_("Choose another pilot than the one who leaves.")]
    if from_pilot is None:
        errors["from_pilot"] = [_("Choose the pilot whose cases move.")]
    reason = check_text(reason, "reason", errors, limit=REASON_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    cases = list(
        Case.objects.select_for_update(of=("self",))
        .select_related("business")
        .filter(pilot=from_pilot)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("pk")
    )
    if not cases:
        return []
    ids = [case.pk for case in cases]
    now = timezone.now()
    Case.objects.filter(pk__in=ids).update(pilot=to_pilot, pilot_assigned_at=now)
    DepartmentTask.objects.filter(
        case_id__in=ids, kind=TaskKind.ASSIGN_PILOT, assignee=from_pilot
    ).exclude(status=TaskStatus.DONE).update(assignee=to_pilot)
    FollowUp.objects.filter(case_id__in=ids, assignee=from_pilot, done_at__isnull=True).update(
        assignee=to_pilot
    )
    events = CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            kind=EventKind.PILOT_ASSIGNED,
            at=now,
            actor=by,
            note=reason,
            data={"to": to_pilot.pk, "previous": from_pilot.pk, "portfolio": True},
        )
        for case in cases
    )
    for case, event in zip(cases, events, strict=True):
        case.pilot = to_pilot
        case.pilot_assigned_at = now
        pilot_assigned_notice_add(case=case, event=event)
    return cases
