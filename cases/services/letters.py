"""Letters to the business: the receipt and the one combined decision letter.

Both are sent the same way (``_letter_send``), deliberately not in one transaction: the
PDF is stored and committed first, so a failing mail server does not cost a second
rendering on retry. The send itself runs with the letter row locked and sets ``sent_at``
before the lock is released, so a repeated or concurrent run finds it sent and does
nothing. The (case, kind) letter row is the outbox and the idempotency key.
"""

import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from ..constants import CaseStatus, EventKind, LetterKind
from ..decisions import decision_email, decision_filename, render_decision_pdf
from ..models import CaseEvent, Letter
from ..receipts import receipt_email, render_receipt_pdf
from ..selectors import case_for_receipt
from ..selectors.letters import case_for_decision_letter

logger = logging.getLogger(__name__)


def _letter_send(
    *,
    case,
    kind: str,
    filename: str,
    render: Callable[[str], bytes],
    email: Callable[[bytes, str], EmailMessage],
    event_kind: str,
) -> Letter:
    """Render (once), store and mail the ``kind`` letter of a case in its business's
    language; ``render(language)`` gives the PDF, ``email(pdf, language)`` the mail."""
    language = case.business.language
    letter, _created = Letter.objects.get_or_create(
        case=case, kind=kind, defaults={"language": language}
    )
    if letter.sent_at:
        return letter
    if not letter.file:
        pdf = render(language)
        with transaction.atomic():
            letter = Letter.objects.select_for_update().get(pk=letter.pk)
            if not letter.file:
                letter.language = language
                letter.file.save(filename, ContentFile(pdf), save=False)
                letter.save(update_fields=["file", "language"])
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.sent_at:
            return letter
        with letter.file.open("rb") as handle:
            pdf = handle.read()
        email(pdf, letter.language).send()
        letter.sent_at = timezone.now()
        letter.save(update_fields=["sent_at"])
        CaseEvent.objects.create(
            case=case,
            kind=event_kind,
            at=letter.sent_at,
            data={
                "letter": letter.pk,
                "kind": letter.kind,
                "to": case.business.email,
                "language": letter.language,
            },
        )
    return letter


def receipt_send(*, case_id: int) -> Letter:
    """Render, store and mail the receipt of a case, once."""
    case = case_for_receipt(case_id)
    return _letter_send(
        case=case,
        kind=LetterKind.RECEIPT,
        filename=f"{case.reference}.pdf",
        render=lambda language: render_receipt_pdf(case, language=language),
        email=lambda pdf, language: receipt_email(case, pdf=pdf, language=language),
        event_kind=EventKind.RECEIPT_SENT,
    )


def decision_letter_send(*, case_id: int) -> Letter | None:
    """Render, store and mail the decision letter of a closed case, once.

    ``case_close`` writes the letter row (the outbox) and enqueues this after commit. A
    case that is not closed has no decisions to tell: nothing is rendered or sent (None).
    """
    case = case_for_decision_letter(case_id)
    if case.status != CaseStatus.CLOSED:
        logger.warning("decision_letter_send: case %s is not closed", case.reference)
        return None
    return _letter_send(
        case=case,
        kind=LetterKind.DECISION,
        filename=decision_filename(case),
        render=lambda language: render_decision_pdf(case, language=language),
        email=lambda pdf, language: decision_email(case, pdf=pdf, language=language),
        event_kind=EventKind.LETTER_SENT,
    )
