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


def document_checklist(required, uploaded_codes) -> list[tuple[object, bool]]:
    """The required documents, each once (two services may ask for the same code), with
    whether an upload of its type is there."""
    uploaded = set(uploaded_codes)
    seen, checklist = set(), []
    for document in required:
        if document.code not in seen:
            seen.add(document.code)
            checklist.append((document, document.code in uploaded))
    return checklist


def next_missing_document(checklist) -> str:
    """The type an upload is taken to be unless the applicant chooses another: the first
    required document still missing, so a file sent without choosing fills a gap; "" (another
    document) once every required one is there."""
    return next((document.code for document, done in checklist if not done), "")


def service_groups(services, chosen, topics, other_label) -> list[tuple[str, str, list]]:
    """The services step's options: the chosen services first (in the order chosen), then the
    rest by topic in the topics' order, each by name; a service without a topic comes last
    under ``other_label``. Rows are (key, legend, services); empty groups are left out."""
    chosen = list(dict.fromkeys(chosen))
    by_code = {service.code: service for service in services}
    first = [by_code[code] for code in chosen if code in by_code]
    rest = sorted((s for s in services if s.code not in set(chosen)), key=lambda s: str(s.name))
    groups = [("chosen", _("Chosen"), first)] if first else []
    for value, label in topics:
        members = [s for s in rest if s.topic == value]
        if members:
            groups.append((value, label, members))
    known = {value for value, _label in topics}
    others = [s for s in rest if s.topic not in known]
    if others:
        groups.append(("other", other_label, others))
    return groups
