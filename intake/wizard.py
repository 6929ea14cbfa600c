"""The steps of the application wizard and the plain-words explanation of a track.

The steps follow from the draft: staff first say which business and how it came in, then
everyone chooses services, answers each service's questions on a page of its own, describes
the project, uploads documents and reviews. No ORM here: callers pass loaded objects.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases.constants import Track


@dataclass(frozen=True)
class Step:
    key: str
    title: str


def wizard_steps(*, staff_assisted: bool, services) -> list[Step]:
    steps = []
    if staff_assisted:
        steps.append(Step("channel", _("Contact")))
    steps.append(Step("services", _("Services")))
    for service in services:
        if service.questions.all():
            steps.append(Step(f"answers-{service.code}", service.name))
    steps.append(Step("details", _("Your project")))
    if any(service.required_documents.all() for service in services):
        steps.append(Step("documents", _("Documents")))
    if staff_assisted:
        steps.append(Step("shown", _("Self-service next time")))
    steps.append(Step("review", _("Review and send")))
    return steps


def neighbours(steps: list[Step], key: str) -> tuple[Step | None, Step | None]:
    keys = [s.key for s in steps]
    index = keys.index(key)
    previous = steps[index - 1] if index > 0 else None
    following = steps[index + 1] if index + 1 < len(steps) else None
    return previous, following


def _names(items) -> str:
    names = [str(i) for i in items]
    if len(names) <= 1:
        return "".join(names)
    return format_lazy("{} {} {}", ", ".join(names[:-1]), _("and"), names[-1])


def track_explanation(track: str, department_names) -> str:
    """What happens next, in plain words, for the business to read before it submits."""
    departments = _names(department_names)
    if track == Track.IMMEDIATE:
        return _(
            "Copenhagen Business Service answers your question – usually within one working day."
        )
    if track == Track.SELF_SERVICE:
        return format_lazy(
            _("You can apply yourself – we send your application directly to {departments}."),
            departments=departments,
        )
    if track == Track.ASSISTED:
        return format_lazy(
            _(
                "Copenhagen Business Service helps you with the application, and we send it "
                "to {departments}."
            ),
            departments=departments,
        )
    if track == Track.PILOT:
        return _(
            "We assign a business pilot who coordinates your case across the departments "
            "involved and follows up that you get your answers on time."
        )
    return _(
        "Your project involves many departments. Our triage committee considers a joint "
        "meeting (star meeting) with you and all of them; otherwise a business pilot takes "
        "your case."
    )
