"""A demo virksomhedslods case: the demo business plans a large concert (2,500 people), so
the case gets a business pilot; demo-pilot is assigned and has the introductions to do.

Added once: only when the demo business has no pilot case yet. demo-pilot gets a direct
phone number (letters and pages name it) when it has none.
"""

from datetime import timedelta

from django.utils import timezone

from cases.constants import Channel, Track
from cases.models import Business
from cases.services import case_pilot_assign
from intake.services import case_submit

DEMO_PILOT_PHONE = "+45 33 66 20 01"


def _concert() -> dict:
    return {
        "event_public_space": {
            "expected_attendance": 2500,
            "event_date": (timezone.now() + timedelta(days=150)).date().isoformat(),
            "location_type": "square",
            "serves_alcohol": False,
            "temporary_structures": False,
        }
    }


def demo_pilot_seed(*, business: Business, submitted_by, kes, pilot) -> list[str]:
    """Submit the concert as the business (``submitted_by``) and let KES staff (``kes``)
    assign ``pilot``."""
    if not pilot.phone:
        pilot.phone = DEMO_PILOT_PHONE
        pilot.save(update_fields=["phone"])
    if business.cases.filter(track=Track.PILOT).exists():
        return []
    case = case_submit(
        business=business,
        services=["event_public_space"],
        answers=_concert(),
        channel=Channel.DIGITAL,
        submitted_by=submitted_by,
        description="Sommerkoncert på pladsen foran caféen for 2.500 gæster, med scene og boder.",
    )
    case_pilot_assign(case=case, pilot=pilot, by=kes)
    return [case.reference]
