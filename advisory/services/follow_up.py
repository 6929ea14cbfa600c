"""Follow-up: the advisors' outreach visits and the yearly "still in business?" check."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.dk import cvr as stdnum_cvr

from ..constants import Topic
from ..models import OutreachVisit, PartnerHub, SurvivalCheck
from .checks import clean_text

OLDEST_YEAR = 1990


@transaction.atomic
def outreach_visit_add(
    *,
    advisor,
    hub: PartnerHub,
    visited_on: date,
    businesses_met: int,
    topics,
    businesses: str = "",
    notes: str = "",
) -> OutreachVisit:
    """Log a visit at a hub: how many businesses, which, and the topics they raised."""
    errors = {}
    if visited_on > timezone.localdate() or visited_on.year < OLDEST_YEAR:
        errors["visited_on"] = [_("Give the date of a visit that has taken place.")]
    if (
        isinstance(businesses_met, bool)
        or not isinstance(businesses_met, int)
        or not (0 <= businesses_met <= 10_000)
    ):
        errors["businesses_met"] = [_("Give a number from 0 to 10,000.")]
    topics = list(dict.fromkeys(topics or []))
    if any(topic not in Topic.values for topic in topics):
        errors["topics"] = [_("Choose topics from the list.")]
    cleaned = {}
    for field, value in (("businesses", businesses), ("notes", notes)):
        try:
            cleaned[field] = clean_text(field, value, max_length=2000, required=False)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return OutreachVisit.objects.create(
        advisor=advisor,
        hub=hub,
        visited_on=visited_on,
        businesses_met=businesses_met,
        topics=topics,
        **cleaned,
    )


@transaction.atomic
def survival_check_record(
    *, by, cvr: str, started_year: int, year: int, active: bool, name: str = ""
) -> SurvivalCheck:
    """Record whether a business was still active in CVR in ``year`` (once a year;
    recording again corrects it)."""
    errors = {}
    compact = stdnum_cvr.compact(cvr or "") if isinstance(cvr, str) else ""
    if not stdnum_cvr.is_valid(compact):
        errors["cvr"] = [_("This is not a valid CVR number: check the 8 digits.")]
    this_year = timezone.localdate().year
    if not OLDEST_YEAR <= started_year <= this_year:
        errors["started_year"] = [_("Give a year from 1990 until now.")]
    if not OLDEST_YEAR <= year <= this_year or year < started_year:
        errors["year"] = [_("Give a year from the start of the business until now.")]
    try:
        name = clean_text("name", name, max_length=200, required=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    check, _created = SurvivalCheck.objects.update_or_create(
        cvr=compact,
        year=year,
        defaults={
            "started_year": started_year,
            "active": bool(active),
            "name": name,
            "checked_by": by,
            "checked_at": timezone.now(),
        },
    )
    return check
