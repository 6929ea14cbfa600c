"""Apply again with corrections: after a rejection the business starts a new application
from its case. The case itself does not change; the new start is one more event on it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..constants import EventKind
from ..models import Case, CaseEvent
from ..permissions import is_business_of
from ..selectors.business import case_was_rejected


@transaction.atomic
def case_reapplied(*, case: Case, by, draft_id: str) -> CaseEvent:
    """Record that ``by`` started the draft ``draft_id`` from the rejected ``case``."""
    if not is_business_of(by, case):
        raise PermissionDenied
    if not case_was_rejected(case):
        raise ValidationError(_("Only a rejected application can be made again."))
    return CaseEvent.objects.create(
        case=case, kind=EventKind.REAPPLIED, actor=by, data={"draft": str(draft_id)}
    )
