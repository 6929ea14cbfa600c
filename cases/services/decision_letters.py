"""The one combined decision letter of a closed case."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ..constants import CaseStatus, EventKind, LetterKind
from ..decisions import decision_email, decision_filename, render_decision_pdf
from ..models import CaseEvent, Letter
from ..selectors.letters import case_for_decision_letter

logger = logging.getLogger(__name__)


def decision_letter_send(*, case_id: int) -> Letter | None:
    """Render, store and mail the decision letter of a closed case, once.

    ``case_close`` writes the letter row (the outbox) and enqueues this after commit. Like
    ``receipt_send`` it is deliberately not one transaction: the PDF is stored and
    committed first, so a failing mail server does not cost a second rendering on retry;
    the send runs with the letter row locked and sets ``sent_at`` before the lock is
    released, so a repeated or concurrent run finds it sent and does nothing. A case that
    is not closed has no decisions to tell: nothing is rendered or sent (``None``).
    """
    case = case_for_decision_letter(case_id)
    if case.status != CaseStatus.CLOSED:
        logger.warning("decision_letter_send: case %s is not closed", case.reference)
        return None
    language = case.business.language
    letter, _created = Letter.objects.get_or_create(
        case=case, kind=LetterKind.DECISION, defaults={"language": language}
    )
    if letter.sent_at:
        return letter
    if not letter.file:
        pdf = render_decision_pdf(case, language=language)
        with transaction.atomic():
            letter = Letter.objects.select_for_update().get(pk=letter.pk)
            if not letter.file:
                letter.language = language
                letter.file.save(decision_filename(case), ContentFile(pdf), save=False)
                letter.save(update_fields=["file", "language"])
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.sent_at:
            return letter
        with letter.file.open("rb") as handle:
            pdf = handle.read()
        decision_email(case, pdf=pdf, language=letter.language).send()
        letter.sent_at = timezone.now()
        letter.save(update_fields=["sent_at"])
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.LETTER_SENT,
            at=letter.sent_at,
            data={
                "letter": letter.pk,
                "kind": letter.kind,
                "to": case.business.email,
                "language": letter.language,
            },
        )
    return letter
