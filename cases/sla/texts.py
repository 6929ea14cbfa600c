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
from django.utils.translation import ngettext

from kes.models import Notice
from kes.notices import notice_renderer, notice_texts
from kes.outbox import deliverer
from routing.deadline_text import long_date

from ..constants import NotificationKind
from ..mail import business_mail_send, mail_build
from ..models import DepartmentTask, InformationRequest
from .services import NAMED_TASKS, NOTICE_BREACH, NOTICE_LAPSED, NOTICE_WARNING

logger = logging.getLogger(__name__)


def _task_ids(notice) -> list[int]:
    """The notice's tasks: a sweep's notice lists them (``tasks``), older ones and the
    lapse notices name one (``task``)."""
    payload = notice.payload
    ids = payload.get("tasks") if isinstance(payload.get("tasks"), list) else [payload.get("task")]
    return [pk for pk in ids if isinstance(pk, int)]


def _tasks(notices):
    ids = {pk for notice in notices for pk in _task_ids(notice)[:NAMED_TASKS]}
    return DepartmentTask.objects.select_related(
        "case", "case_service__service", "department"
    ).in_bulk(list(ids))


def _subject(task, payload) -> dict:
    service = task.case_service.service.name if task and task.case_service else ""
    return {
        "reference": payload.get("reference") or (task.case.reference if task else ""),
        "service": service or (task.get_kind_display() if task else ""),
        "department": task.department.name if task else "",
    }


def _date(value) -> str:
    day = parse_date(value) if isinstance(value, str) else None
    return long_date(day) if day else "–"


def _one(text: str, task, payload: dict, field: str, placeholder: str) -> str:
    """``text`` (already translated) about one task, with the date in ``payload[field]``
    (or the task's own ``field``) as ``placeholder``."""
    value = payload.get(field)
    if value is None and task is not None and getattr(task, field, None):
        value = getattr(task, field).isoformat()
    return text % {**_subject(task, payload), placeholder: _date(value)}


def _count(notice) -> int:
    count = notice.payload.get("count")
    return count if isinstance(count, int) and count > 0 else len(_task_ids(notice))


def _references(ids: list[int], count: int, tasks) -> str:
    """The named tasks' case references, each once (two departments' tasks of one case
    are one reference), and how many tasks are not named."""
    named = [tasks[pk] for pk in ids[:NAMED_TASKS] if pk in tasks]
    shown = ", ".join(dict.fromkeys(task.case.reference for task in named))
    more = count - len(named)
    if more:
        shown = ngettext("%(shown)s and %(more)d more", "%(shown)s and %(more)d more", more) % {
            "shown": shown,
            "more": more,
        }
    return shown


def _texts(notices, text: str, many, field: str, placeholder: str) -> list[str]:
    """One text per notice: ``text`` for a notice of one task, ``many(count)`` (the
    translated text with ``count`` and ``references``) for a notice of several."""
    tasks = _tasks(notices)
    texts = []
    for notice in notices:
        ids, count = _task_ids(notice), _count(notice)
        if count > 1:
            references = _references(ids, count, tasks)
            texts.append(many(count) % {"count": count, "references": references})
        else:
            task = tasks.get(ids[0]) if ids else None
            texts.append(_one(text, task, notice.payload, field, placeholder))
    return texts


@notice_renderer(NOTICE_WARNING)
def warning_texts(notices) -> list[str]:
    text = _(
        "%(reference)s – %(service)s (%(department)s): most of the service target is "
        "used. The deadline is %(deadline)s."
    )

    def many(count):
        return ngettext(
            "%(count)d task has used most of its service target: %(references)s.",
            "%(count)d tasks have used most of their service target: %(references)s.",
            count,
        )

    return _texts(notices, text, many, "deadline", "deadline")


@notice_renderer(NOTICE_BREACH)
def breach_texts(notices) -> list[str]:
    text = _(
        "%(reference)s – %(service)s (%(department)s): the service target is passed. "
        "The deadline was %(deadline)s."
    )

    def many(count):
        return ngettext(
            "%(count)d task has passed its service target: %(references)s.",
            "%(count)d tasks have passed their service target: %(references)s.",
            count,
        )

    return _texts(notices, text, many, "deadline", "deadline")


@notice_renderer(NOTICE_LAPSED)
def lapsed_texts(notices) -> list[str]:
    text = _(
        "%(reference)s – %(service)s (%(department)s): the business has not answered the "
        "request for information due %(due)s, although it was reminded twice."
    )
    tasks = _tasks(notices)
    return [
        _one(text, tasks.get((_task_ids(n) or [None])[0]), n.payload, "due_on", "due")
        for n in notices
    ]


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
    # The subject counts tasks (a sweep's notice lists several) and names a lone one's case.
    tasks = sum(max(_count(notice), 1) for notice in notices)
    first = _task_ids(notices[0])[:1]
    named = _tasks(notices[:1]).get(first[0]) if first else None
    context = {
        "items": list(zip(texts, notices, strict=True)),
        "notice": notices[0],
        "total": tasks + (total - len(notices)),
        "reference": notices[0].payload.get("reference") or (named.case.reference if named else ""),
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
