"""Short e-mails to the business when a case needs it: a request for information, a
message from staff. Each row's ``notified_at`` is set under a row lock when the mail is
sent, so a repeated task sends nothing."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..mail import business_mail_send
from ..models import CaseMessage, InformationRequest
from ..selectors.pilots import pilot_contact


def _case_of(row):
    return row.task.case if isinstance(row, InformationRequest) else row.case


@transaction.atomic
def business_notify(*, model: type[InformationRequest] | type[CaseMessage], pk: int) -> bool:
    """Mail the notice of a request for information or a staff message once; False when
    it was already sent or the row is gone."""
    kind = "information_request" if model is InformationRequest else "message"
    related = (
        ("task__case__business", "task__case__pilot")
        if model is InformationRequest
        else ("case__business", "case__pilot")
    )
    row = (
        model.objects.select_for_update(of=("self",)).select_related(*related).filter(pk=pk).first()
    )
    if row is None or row.notified_at is not None:
        return False
    case = _case_of(row)
    context = {
        "case": case,
        "kind": kind,
        "row": row,
        "kes_contact": settings.KES_CONTACT,
        "pilot": pilot_contact(case),
    }
    business_mail_send(case=case, template="cases/notice_email", context=context)
    row.notified_at = timezone.now()
    row.save(update_fields=["notified_at"])
    return True
