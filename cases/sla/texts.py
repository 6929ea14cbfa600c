"""What the sweep's notices say, in the reader's language, and how they are mailed.

Registered when the app is ready: the notices' renderers (``kes.notices``) and the outbox
deliverers of the staff notice mail and of the business's reminder of a request. The texts
are built when shown (a page of notices loads its tasks in one query), so a notice reads in
whatever language its reader has chosen.
"""

import logging

from django.conf import settings
from django.utils import translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from kes.models import Notice
from kes.notices import notice_renderer, notice_texts
from kes.outbox import deliverer
from routing.deadline_text import long_date

from ..constants import NotificationKind
from ..mail import business_mail_send, mail_build
from ..models import DepartmentTask, InformationRequest
from .services import NOTICE_BREACH, NOTICE_LAPSED, NOTICE_WARNING

logger = logging.getLogger(__name__)


def _tasks(notices):
    ids = {notice.payload.get("task") for notice in notices}
    return DepartmentTask.objects.select_related("case_service__service", "department").in_bulk(
        [pk for pk in ids if isinstance(pk, int)]
    )


def _subject(task, payload) -> dict:
    service = task.case_service.service.name if task and task.case_service else ""
    return {
        "reference": payload.get("reference", ""),
        "service": service or (task.get_kind_display() if task else ""),
        "department": task.department.name if task else "",
    }


def _date(value) -> str:
    day = parse_date(value) if isinstance(value, str) else None
    return long_date(day) if day else "–"


def _texts(notices, text: str, field: str, placeholder: str) -> list[str]:
    """One text per notice: ``text`` (already translated) about the notice's task, with the
    date in ``payload[field]`` as ``placeholder``."""
    tasks = _tasks(notices)
    return [
        text
        % {
            **_subject(tasks.get(n.payload.get("task")), n.payload),
            placeholder: _date(n.payload.get(field)),
        }
        for n in notices
    ]


@notice_renderer(NOTICE_WARNING)
def warning_texts(notices) -> list[str]:
    text = _(
        "%(reference)s – %(service)s (%(department)s): most of the service target is "
        "used. The deadline is %(deadline)s."
    )
    return _texts(notices, text, "deadline", "deadline")


@notice_renderer(NOTICE_BREACH)
def breach_texts(notices) -> list[str]:
    text = _(
        "%(reference)s – %(service)s (%(department)s): the service target is passed. "
        "The deadline was %(deadline)s."
    )
    return _texts(notices, text, "deadline", "deadline")


@notice_renderer(NOTICE_LAPSED)
def lapsed_texts(notices) -> list[str]:
    text = _(
        "%(reference)s – %(service)s (%(department)s): the business has not answered the "
        "request for information due %(due)s, although it was reminded twice."
    )
    return _texts(notices, text, "due_on", "due")


# A digest lists this many notices; the rest are counted and wait in Notifications.
DIGEST_SHOWN = 20


@deliverer(NotificationKind.STAFF_NOTICE)
def deliver_staff_notice(notification) -> None:
    """The e-mail beside in-portal notices, in the recipient's language: one notice
    (``payload.notice``, a key) or a sweep's digest of them (``payload.notices``, ids)."""
    payload = notification.payload
    notices = Notice.objects.select_related("recipient").order_by("pk")
    if "notices" in payload:
        ids = [pk for pk in payload["notices"] if isinstance(pk, int)]
        total = len(ids)
        notices = list(notices.filter(pk__in=ids[:DIGEST_SHOWN]))
    else:
        notices = list(notices.filter(key=payload.get("notice", ""))[:1])
        total = len(notices)
    if not notices:
        logger.warning("outbox: %s: the notices are gone", notification.key)
        return
    with translation.override(notification.language):
        texts = notice_texts(notices)
    context = {
        "items": list(zip(texts, notices, strict=True)),
        "notice": notices[0],
        "total": total,
        "more": total - len(notices),
        "kes_contact": settings.KES_CONTACT,
    }
    mail_build(
        template="cases/staff_notice_email",
        context=context,
        language=notification.language,
        to=[notification.recipient],
    ).send()


@deliverer(NotificationKind.INFORMATION_REMINDER)
def deliver_information_reminder(notification) -> None:
    """Remind the business of a request it has not answered (the request's own mail, with a
    reminder's opening); nothing when it has answered since."""
    request = (
        InformationRequest.objects.select_related("task__case__business", "task__department")
        .filter(pk=notification.payload["pk"])
        .first()
    )
    if request is None or request.answered_at is not None:
        return
    case = request.task.case
    context = {
        "case": case,
        "kind": "information_request",
        "row": request,
        "reminder": notification.payload.get("reminder", 1),
        "kes_contact": settings.KES_CONTACT,
    }
    business_mail_send(
        case=case,
        template="cases/information_reminder_email",
        context=context,
        language=notification.language,
    )
