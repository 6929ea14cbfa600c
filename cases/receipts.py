"""The receipt (kvittering): what it says, as a PDF (WeasyPrint) and as an e-mail.

Everything is rendered in the language of the business (see ``cases.pdf``).
"""

from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation

from routing.calendar import DEFAULT_CLOSING_DAYS, local_date
from routing.deadline_explain import deadline_parts
from routing.deadline_text import deadline_sentences

from .pdf import letter_email, render_pdf

PDF_TEMPLATE = "cases/receipt_pdf.html"
EMAIL_TEMPLATE = "cases/receipt_email.txt"
SUBJECT_TEMPLATE = "cases/receipt_email_subject.txt"


def receipt_context(case) -> dict:
    """What the receipt shows; call it inside the language the receipt is written in.

    Reads the case's services with their departments, its authorities and reasons:
    load it with ``receipt_cases`` (no query per service)."""
    received = local_date(case.received_at)
    closing_days = getattr(settings, "KES_CLOSING_DAYS", DEFAULT_CLOSING_DAYS)
    language = translation.get_language() or settings.LANGUAGE_CODE
    today = local_date(timezone.now())
    services = []
    for row in case.services.all():
        # The promise made at receipt: counted from the received date, before any pause.
        parts = (
            deadline_parts(
                received,
                row.target_days,
                row.target_unit,
                today=today,
                closing_days=closing_days,
                language=language,
            )
            if row.target_days
            else None
        )
        services.append(
            {
                "row": row,
                "name": row.service.name,
                "departments": [department.name for department in row.departments.all()],
                "target_days": row.target_days,
                "target_unit": row.get_target_unit_display(),
                "deadline": parts.deadline if parts else None,
                "explanation": deadline_sentences(parts) if parts else [],
            }
        )
    # A missing one-to-one raises RelatedObjectDoesNotExist, which is an AttributeError.
    immediate_answer = getattr(case, "immediate_answer", None)
    return {
        "case": case,
        "reference": case.reference,
        "business": case.business,
        "received": received,
        "track": case.get_track_display(),
        "services": services,
        "authorities": [
            {
                "code": authority.code,
                "name": authority.name,
                "url_hint": authority.url_hint,
                "guidance": authority.guidance,
            }
            for authority in case.authorities.all()
        ],
        "reasons": [reason.text for reason in case.reasons.all()],
        "immediate_answer": immediate_answer,
        "kes_contact": settings.KES_CONTACT,
    }


def render_receipt_pdf(case, language: str | None = None) -> bytes:
    """The receipt as an A4 PDF, in ``language`` (default: the business's language)."""
    return render_pdf(
        PDF_TEMPLATE, partial(receipt_context, case), language=language or case.business.language
    )


def receipt_email(case, *, pdf: bytes, language: str) -> EmailMessage:
    """The receipt mail to the business, with the PDF attached."""
    return letter_email(
        case,
        subject_template=SUBJECT_TEMPLATE,
        body_template=EMAIL_TEMPLATE,
        context=partial(receipt_context, case),
        pdf=pdf,
        filename=f"{case.reference}.pdf",
        language=language,
    )
