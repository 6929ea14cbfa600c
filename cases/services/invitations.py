"""A star meeting's invitations (written as outbox rows by ``invitations_add``, delivered by
``meeting_invitation_send``) and the triage committee's "no" to the business.

Each invitation row names one recipient and one SEQUENCE; the mail is written in the
recipient's language with the meeting's ``.ics`` attached (``cases.calendar_invite``). A
row for a SEQUENCE that a later change has superseded sends nothing: the newer row carries
the current time and place. Delivery is at least once: a worker that dies after sending
may send a row again, which calendar programs take as the same entry (same UID and
SEQUENCE), so no sent mark is kept.
"""

import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from kes.services import notification_add

from ..calendar_invite import Invitation, Method, Person, invitation_ics
from ..constants import MeetingStatus, NotificationKind
from ..mail import business_mail_send, mail_build
from ..models import StarMeeting, TriageDecision

logger = logging.getLogger(__name__)


def _organiser(meeting: StarMeeting) -> Person:
    organiser = meeting.organiser
    if organiser is not None and organiser.email:
        return Person(organiser.get_full_name() or organiser.username, organiser.email)
    return Person(_("Copenhagen Business Service"), settings.KES_CONTACT["email"])


def meeting_attendees(meeting: StarMeeting) -> tuple[Person, ...]:
    """Everyone the meeting's calendar entry lists: the business, its attendees and the
    participants (read ``participants__user``; prefetch it)."""
    case = meeting.case
    people = [Person(case.business.name, case.business.email)]
    people += [Person(a.get("name", ""), a["email"]) for a in meeting.business_attendees]
    people += [
        Person(p.user.get_full_name() or p.user.username, p.user.email)
        for p in meeting.participants.all()
        if p.user.email
    ]
    return tuple(people)


def meeting_ics(meeting: StarMeeting, *, method: Method | None = None) -> bytes:
    """The meeting's current ``.ics``: a request while planned, a cancellation once
    cancelled; ``method`` overrides (PUBLISH for a download)."""
    if method is None:
        cancelled = meeting.status == MeetingStatus.CANCELLED
        method = Method.CANCEL if cancelled else Method.REQUEST
    case = meeting.case
    with translation.override(case.language or case.business.language):
        summary = _("Star meeting: %(business)s (%(reference)s)") % {
            "business": case.business.name,
            "reference": case.reference,
        }
    return invitation_ics(
        Invitation(
            uid=str(meeting.uid),
            sequence=meeting.sequence,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            summary=summary,
            organiser=_organiser(meeting),
            attendees=meeting_attendees(meeting),
            location=meeting.place,
            url=meeting.video_url,
            description=case.description[:2000],
            method=method,
        )
    )


def _meeting(pk: int) -> StarMeeting | None:
    return (
        StarMeeting.objects.select_related("case__business", "organiser")
        .prefetch_related("participants__user")
        .filter(pk=pk)
        .first()
    )


def meeting_invitation_send(*, payload: dict, language: str) -> bool:
    """Mail one recipient the invitation, update or cancellation of ``payload``; False
    when the meeting is gone or a later change superseded this row."""
    meeting = _meeting(payload["meeting"])
    if meeting is None or meeting.starts_at is None:
        return False
    if meeting.sequence != payload["sequence"]:
        logger.info("invitation %s/%s superseded", meeting.pk, payload["sequence"])
        return False
    method = Method(payload["method"])
    case = meeting.case
    context = {
        "case": case,
        "meeting": meeting,
        "name": payload.get("name", ""),
        "cancelled": method == Method.CANCEL,
        "for_business": payload["email"]
        in {case.business.email, *(a["email"] for a in meeting.business_attendees)},
        "kes_contact": settings.KES_CONTACT,
    }
    message = mail_build(
        template="cases/meeting_invitation_email",
        context=context,
        language=language,
        to=[payload["email"]],
        reply_to=[_organiser(meeting).email],
    )
    message.attach(
        "invite.ics" if method == Method.REQUEST else "cancel.ics",
        meeting_ics(meeting, method=method),
        f"text/calendar; method={method}; charset=UTF-8",
    )
    message.send()
    return True


def triage_declined_send(*, decision_id: int) -> bool:
    """Tell the business, in its language, why its star meeting is not held."""
    decision = (
        TriageDecision.objects.select_related("case__business").filter(pk=decision_id).first()
    )
    if decision is None:
        return False
    case = decision.case
    context = {"case": case, "decision": decision, "kes_contact": settings.KES_CONTACT}
    business_mail_send(case=case, template="cases/triage_declined_email", context=context)
    return True


def invitations_add(*, meeting: StarMeeting) -> int:
    """One outbox row per recipient for the meeting's current SEQUENCE (REQUEST, or CANCEL
    for a cancelled meeting); a recipient who has this SEQUENCE already gets nothing new.
    Returns the number of recipients."""
    case = meeting.case
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST"
    case_language = case.language or case.business.language
    recipients = [("business", case.business.email, case.business.name, case_language)]
    recipients += [
        (f"attendee:{a['email']}", a["email"], a.get("name", ""), case_language)
        for a in meeting.business_attendees
    ]
    participants = meeting.participants.select_related("user").order_by("pk")
    recipients += [
        (f"user:{p.user_id}", p.user.email, p.user.get_full_name(), p.user.language or "da")
        for p in participants
    ]
    count = 0
    for tag, email, name, language in recipients:
        if not email:
            continue
        kind = NotificationKind.MEETING_INVITATION
        notification_add(
            kind=kind,
            key=f"{kind}:{meeting.pk}:{meeting.sequence}:{tag}",
            language=language,
            recipient=email,
            payload={
                "case": case.pk,
                "meeting": meeting.pk,
                "sequence": meeting.sequence,
                "method": method,
                "name": name,
                "email": email,
            },
        )
        count += 1
    return count
