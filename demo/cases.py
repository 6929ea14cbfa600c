"""Demo cases for a local run, so queues, inboxes and "Mine sager" are not empty.

Only when the demo business has no case yet: a self-service application for outdoor
serving (one department), an event for three departments where one has asked for
information, and a digital question waiting in KES's queue.
"""

from datetime import timedelta

from django.utils import timezone

from cases.constants import Channel
from cases.models import Business
from cases.services import task_request_information
from intake.services import case_submit
from routing.calendar import local_date
from routing.selectors import departments_of

OUTDOOR = {"outdoor_serving": {"area_m2": 18, "location_type": "pavement", "serves_alcohol": False}}
EVENT = {
    "event_public_space": {
        "expected_attendance": 400,
        "event_date": (timezone.now() + timedelta(days=120)).date().isoformat(),
        "location_type": "square",
        "serves_alcohol": False,
        "temporary_structures": False,
    }
}


def demo_cases_seed(*, business: Business, submitted_by, worker_of) -> list[str]:
    """Submit the demo cases; ``worker_of(code)`` gives the demo caseworker of a department."""
    if business.cases.exists():
        return []
    common = {"business": business, "channel": Channel.DIGITAL, "submitted_by": submitted_by}
    outdoor = case_submit(
        services=["outdoor_serving"],
        answers=OUTDOOR,
        description="Seks borde og tolv stole foran caféen, april til september.",
        **common,
    )
    event = case_submit(
        services=["event_public_space"],
        answers=EVENT,
        description="Gårdfest på pladsen foran caféen med musik til kl. 22.",
        **common,
    )
    question = case_submit(
        services=["sign_rules"],
        answers={},
        description="Må vi hænge et skilt over døren?",
        **common,
    )
    waiting = event.tasks.select_related("department").order_by("department__code").first()
    worker = worker_of(waiting.department.code)
    if worker is not None and waiting.department in departments_of(worker):
        task_request_information(
            task=waiting,
            by=worker,
            text="Send venligst en skitse over pladsen med scene og boder.",
            due_on=local_date(timezone.now()) + timedelta(days=14),
        )
    return [outdoor.reference, event.reference, question.reference]
