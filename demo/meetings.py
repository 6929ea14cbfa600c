"""A demo star-meeting proposal: the demo business wants to buy a municipal plot, and the
case waits for the triage committee, so demo-triage has something to decide.

Added once (whatever other demo cases exist): only when the demo business has no plot
purchase yet.
"""

from cases.constants import Channel
from cases.models import Business
from intake.services import case_submit

PLOT = {"buy_municipal_plot": {"plot_reference": "Nordhavn 12a", "new_local_plan_needed": False}}


def demo_star_meeting_seed(*, business: Business, registered_by) -> list[str]:
    """Register the plot purchase at the counter (by KES staff ``registered_by``)."""
    if business.cases.filter(services__service__code="buy_municipal_plot").exists():
        return []
    case = case_submit(
        business=business,
        services=["buy_municipal_plot"],
        answers=PLOT,
        channel=Channel.COUNTER,
        submitted_by=registered_by,
        description=(
            "Vi vil købe grunden i Nordhavn til et mikrobryggeri med café og har brug for at "
            "tale med alle forvaltninger på én gang."
        ),
    )
    return [case.reference]
