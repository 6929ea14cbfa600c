"""Månedsrapport: build the previous month's report and mail it to every manager.

Safe to run twice: the (month, language) row holds the PDF once built (locked while it is
built), and each manager's mail is an outbox row keyed by the month and the manager, so a
second run writes nothing new and sends nothing twice.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kes.constants import Language
from kes.services import notification_add

from ..constants import NotificationKind
from ..mail import mail_build
from ..models import MonthlyReport
from ..stats import report
from ..stats.periods import previous_month

logger = logging.getLogger(__name__)


@transaction.atomic
def monthly_report_build(*, month: date, language: str) -> MonthlyReport:
    """The report of ``month`` in ``language``, rendered unless it already was."""
    row, _created = MonthlyReport.objects.get_or_create(month=month, language=language)
    row = MonthlyReport.objects.select_for_update().get(pk=row.pk)
    if row.file:
        return row
    pdf = report.report_pdf(month, language)
    row.file.save(report.filename(month), ContentFile(pdf), save=True)
    return row


def notification_key(month: date, user_id: int) -> str:
    return f"{NotificationKind.MONTHLY_REPORT}:{month:%Y-%m}:{user_id}"


def monthly_report_send(*, today: date | None = None) -> int:
    """Build last month's report (both languages) and write one outbox row per manager;
    the number of managers it is for."""
    month = previous_month(today or timezone.localdate())
    for language in Language.values:
        monthly_report_build(month=month, language=language)
    recipients = report.managers()
    with transaction.atomic():
        for user_id, email, language in recipients:
            notification_add(
                kind=NotificationKind.MONTHLY_REPORT,
                key=notification_key(month, user_id),
                language=language or Language.DA,
                recipient=email,
                payload={"month": month.isoformat(), "user": user_id},
            )
    return len(recipients)


def monthly_report_mail(notification) -> None:
    """The outbox's delivery: the manager's mail with the month's PDF in their language."""
    month = date.fromisoformat(notification.payload["month"])
    row = monthly_report_build(month=month, language=notification.language)
    message = mail_build(
        template="cases/monthly_report_email",
        context={"month": month, "kes_contact": settings.KES_CONTACT},
        language=notification.language,
        to=[notification.recipient],
    )
    with row.file.open("rb") as pdf:
        message.attach(report.filename(month), pdf.read(), "application/pdf")
    message.send()
