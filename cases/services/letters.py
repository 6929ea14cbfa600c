"""Letters to the business: for now the receipt."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ..constants import EventKind, LetterKind
from ..models import CaseEvent, Letter
from ..receipts import receipt_email, render_receipt_pdf
from ..selectors import case_for_receipt


def receipt_send(*, case_id: int) -> Letter:
    """Render, store and mail the receipt of a case, once.

    Deliberately not one transaction: the PDF is stored and committed first, so a failing
    mail server does not cost a second rendering on retry. The send itself runs with the
    letter row locked and sets ``sent_at`` before the lock is released, so a repeated or
    concurrent run finds it sent and does nothing.
    """
    case = case_for_receipt(case_id)
    language = case.business.language
    letter, _created = Letter.objects.get_or_create(
        case=case, kind=LetterKind.RECEIPT, defaults={"language": language}
    )
    if letter.sent_at:
        return letter
    if not letter.file:
        pdf = render_receipt_pdf(case, language=language)
        with transaction.atomic():
            letter = Letter.objects.select_for_update().get(pk=letter.pk)
            if not letter.file:
                letter.language = language
                letter.file.save(f"{case.reference}.pdf", ContentFile(pdf), save=False)
                letter.save(update_fields=["file", "language"])
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.sent_at:
            return letter
        with letter.file.open("rb") as handle:
            pdf = handle.read()
        receipt_email(case, pdf=pdf, language=letter.language).send()
        letter.sent_at = timezone.now()
        letter.save(update_fields=["sent_at"])
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.RECEIPT_SENT,
            at=letter.sent_at,
            data={"letter": letter.pk, "to": case.business.email, "language": letter.language},
        )
    return letter
