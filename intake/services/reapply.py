"""Apply again with corrections: a new draft prefilled from a rejected case (its services,
answers, description and wishes), so the business corrects what the decision pointed out
instead of starting over. The documents are not copied: the wizard asks for them again,
and a corrected application usually needs corrected drawings anyway."""

from django.db import transaction

from cases.services import case_reapplied

from .. import selectors
from ..models import ApplicationDraft


@transaction.atomic
def draft_from_case(*, case, owner) -> ApplicationDraft:
    """A draft of ``owner`` prefilled from ``case`` (services still in the catalogue only),
    and the event on the case that says so. Refused (PermissionDenied, ValidationError)
    unless ``owner`` is the case's business and a department rejected it."""
    rows = list(case.services.select_related("service").order_by("position"))
    active = set(
        selectors.active_services()
        .filter(code__in=[row.service.code for row in rows])
        .values_list("code", flat=True)
    )
    kept = [row for row in rows if row.service.code in active]
    draft = ApplicationDraft.objects.create(
        owner=owner,
        business=case.business,
        services=[row.service.code for row in kept],
        answers={row.service.code: dict(row.answers or {}) for row in kept if row.answers},
        description=case.description,
        star_meeting_requested=case.star_meeting_requested,
        help_requested=case.help_requested,
    )
    case_reapplied(case=case, by=owner, draft_id=draft.pk)
    return draft
