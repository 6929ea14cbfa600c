"""The combined decision letter (afgørelsesbrev): what it says, as a PDF (WeasyPrint) and
as an e-mail.

One letter per closed case gathers every department's decision on every service, so the
business gets one answer from the municipality (én indgang). A rejection carries its
constructive parts (det gode nej). Everything is written in the business's language; the
PDF loads only the project's own static files, through the receipt's URL fetcher.
"""

from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from routing.calendar import local_date

from .constants import Outcome, Track
from .pdf import letter_email, render_pdf
from .selectors.pilots import pilot_contact

PDF_TEMPLATE = "cases/decision_pdf.html"
BODY_TEMPLATE = "cases/_decision_letter_body.html"
EMAIL_TEMPLATE = "cases/decision_email.txt"
SUBJECT_TEMPLATE = "cases/decision_email_subject.txt"


def _signer(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _decisions(row, draft=None) -> list[dict]:
    """The departments' decisions on one service of the case, by department name; a
    ``draft`` (an unsaved Decision) stands in for its task's decision."""
    decisions = []
    for task in row.tasks.all():
        if draft is not None and task.pk == draft.task_id:
            decision = draft
        else:
            decision = getattr(task, "decision", None)
        if decision is None:
            continue
        rejected = decision.outcome == Outcome.REJECTED
        decisions.append(
            {
                "department": task.department.name,
                "department_email": task.department.email,
                "department_phone": task.department.phone,
                "outcome": decision.outcome,
                "outcome_display": decision.get_outcome_display(),
                "rejected": rejected,
                "decided_on": local_date(decision.decided_at),
                "statement": decision.statement,
                "conditions": decision.conditions
                if decision.outcome == Outcome.APPROVED_WITH_CONDITIONS
                else "",
                "provisions": decision.provisions,
                "way_forward": decision.way_forward,
                "alternatives": decision.alternatives,
                "complaint": decision.complaint,
                # The signature block: who decided, for which department.
                "caseworker": _signer(decision.decided_by),
            }
        )
    return sorted(decisions, key=lambda entry: entry["department"].casefold())


def _meeting_minutes(case):
    meeting = getattr(case, "star_meeting", None)
    return getattr(meeting, "minutes", None) if meeting is not None else None


def decision_context(case, *, draft=None) -> dict:
    """What the decision letter shows; call it inside the language it is written in, on a
    case loaded by ``cases.selectors.letters.case_for_decision_letter``. ``draft``: an
    unsaved decision shown as if it were made (the caseworker's preview)."""
    services = [
        {"name": row.service.name, "decisions": _decisions(row, draft)}
        for row in case.services.all()
    ]
    # A missing one-to-one raises RelatedObjectDoesNotExist, which is an AttributeError.
    immediate_answer = getattr(case, "immediate_answer", None)
    return {
        "case": case,
        "reference": case.reference,
        "business": case.business,
        "received": local_date(case.received_at),
        "dated": local_date(case.closed_at or timezone.now()),
        "services": services,
        "immediate_answer": immediate_answer,
        "any_rejected": any(d["rejected"] for s in services for d in s["decisions"]),
        # Medbetjening: staff applied with the business; show how to do it alone next time.
        "next_time": case.track == Track.ASSISTED,
        "kes_contact": settings.KES_CONTACT,
        # Stjernemøde: the minutes are a section of the combined letter.
        "meeting_minutes": _meeting_minutes(case),
        # Virksomhedslods: the pilot's closing summary and their direct contact.
        "pilot": pilot_contact(case),
        "pilot_summary": getattr(case, "pilot_summary", None),
    }


def render_decision_pdf(case, language: str | None = None) -> bytes:
    """The decision letter as an A4 PDF, in ``language`` (default: the business's)."""
    return render_pdf(
        PDF_TEMPLATE, partial(decision_context, case), language=language or case.business.language
    )


def decision_preview_html(case, *, draft) -> str:
    """The letter's HTML twin with ``draft`` in it, in the business's language: what the
    caseworker reads before confirming. Its body is the PDF's own (``BODY_TEMPLATE``)."""
    with translation.override(case.business.language):
        return render_to_string(BODY_TEMPLATE, decision_context(case, draft=draft))


def decision_filename(case) -> str:
    return f"{case.reference}-decision.pdf"


def decision_email(case, *, pdf: bytes, language: str) -> EmailMessage:
    """The decision mail to the business, with the letter attached."""
    return letter_email(
        case,
        subject_template=SUBJECT_TEMPLATE,
        body_template=EMAIL_TEMPLATE,
        context=partial(decision_context, case),
        pdf=pdf,
        filename=decision_filename(case),
        language=language,
    )
