"""Signing up for sessions: seats, the waiting list and its offers, reminders, attendance
and evaluations.

Every change of who holds a seat locks the session row first (``SELECT … FOR UPDATE``), so
two sign-ups for the last seat, or two cancellations at once, are counted one after the
other. The waiting list is ``created_at`` order; a seat that comes free is *offered* to the
first in line and held for the session's ``offer_hours``; an offer that lapses goes to the
next (``offers_expire`` on beat).
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, DateTimeField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import (
    ACTIVE_REGISTRATION,
    SEAT_HOLDING,
    NotificationKind,
    RegistrationStatus,
)
from ..models import Evaluation, Registration, Session
from ..rules import COPENHAGEN, offer_expires_at, seats_to_offer
from .checks import clean_person, clean_text
from .outbox import notify, notify_many


def _locked_session(session_id) -> Session:
    session = Session.objects.select_for_update().filter(pk=session_id).first()
    if session is None:
        raise ValidationError({"session": _("This session does not exist.")})
    return session


@transaction.atomic
def registration_create(
    *, session_id: int, name: str, email: str, language: str, cvr: str = "", user=None
) -> Registration:
    """Sign a person up: a seat when one is free and nobody waits, else the waiting list.
    The same e-mail address holds at most one place per session."""
    data = clean_person(name=name, email=email, cvr=cvr, language=language)
    session = _locked_session(session_id)
    if session.cancelled or session.starts_at <= timezone.now():
        raise ValidationError({"session": _("This session is no longer open for sign-up.")})
    mine = Registration.objects.filter(
        session=session, email__iexact=data["email"], status__in=ACTIVE_REGISTRATION
    )
    if mine.exists():
        raise ValidationError({"email": _("This e-mail address is already signed up.")})
    counts = dict(
        Registration.objects.filter(session=session, status__in=ACTIVE_REGISTRATION)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    holding = sum(counts.get(status, 0) for status in SEAT_HOLDING)
    free = holding < session.capacity and not counts.get(RegistrationStatus.WAITING)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                session=session,
                user=user if user is not None and user.is_authenticated else None,
                status=RegistrationStatus.CONFIRMED if free else RegistrationStatus.WAITING,
                **data,
            )
    except IntegrityError as exc:
        raise ValidationError({"email": _("This e-mail address is already signed up.")}) from exc
    kind = NotificationKind.REGISTERED if free else NotificationKind.WAITING
    notify(kind=kind, key=f"{kind}:{registration.pk}", row=registration)
    return registration


def _offer_free_seats(session_ids: list[int], now: datetime) -> list[int]:
    """Offer the free seats of these (locked) sessions to the first in line; the ids offered.
    Four queries whatever the number of sessions and people."""
    sessions = {
        s.pk: s
        for s in Session.objects.filter(
            pk__in=session_ids, cancelled=False, starts_at__gt=now
        ).only("pk", "capacity", "offer_hours", "starts_at")
    }
    if not sessions:
        return []
    holding = dict(
        Registration.objects.filter(session_id__in=sessions, status__in=SEAT_HOLDING)
        .values_list("session_id")
        .annotate(n=Count("pk"))
    )
    queue: dict[int, list[int]] = {}
    for pk, session_id in (
        Registration.objects.filter(session_id__in=sessions, status=RegistrationStatus.WAITING)
        .order_by("session_id", "created_at", "pk")
        .values_list("pk", "session_id")
    ):
        queue.setdefault(session_id, []).append(pk)
    offered: dict[int, datetime] = {}
    for session_id, waiting in queue.items():
        session = sessions[session_id]
        count = seats_to_offer(
            capacity=session.capacity, holding=holding.get(session_id, 0), waiting=len(waiting)
        )
        until = offer_expires_at(now, session.offer_hours, session.starts_at)
        offered.update(dict.fromkeys(waiting[:count], until))
    if offered:
        Registration.objects.filter(pk__in=offered).update(
            status=RegistrationStatus.OFFERED,
            offered_at=now,
            offer_expires_at=Case(
                *(When(pk=pk, then=Value(at)) for pk, at in offered.items()),
                output_field=DateTimeField(),
            ),
        )
    return list(offered)


def _notify_offers(ids: list[int]) -> None:
    rows = Registration.objects.filter(pk__in=ids).values("pk", "email", "language")
    notify_many(
        kind=NotificationKind.OFFER,
        rows=[{**row, "key": f"{NotificationKind.OFFER}:{row['pk']}"} for row in rows],
    )


@transaction.atomic
def registration_cancel(*, registration_id: int) -> Registration:
    """Give up a place (seat, waiting or offer); a freed seat is offered to the next in line.
    Cancelling again changes nothing."""
    session_id = (
        Registration.objects.filter(pk=registration_id).values_list("session_id", flat=True).first()
    )
    if session_id is None:
        raise ValidationError(_("This registration does not exist."))
    _locked_session(session_id)
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    if registration.status not in ACTIVE_REGISTRATION:
        return registration
    now = timezone.now()
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    offered = _offer_free_seats([session_id], now)
    for row in Registration.objects.filter(pk__in=offered):
        notify(kind=NotificationKind.OFFER, key=f"{NotificationKind.OFFER}:{row.pk}", row=row)
    return registration


@transaction.atomic
def offer_accept(*, registration_id: int) -> Registration:
    """Take the seat offered from the waiting list, while the offer holds."""
    session_id = (
        Registration.objects.filter(pk=registration_id).values_list("session_id", flat=True).first()
    )
    if session_id is None:
        raise ValidationError(_("This registration does not exist."))
    _locked_session(session_id)
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    if registration.status == RegistrationStatus.CONFIRMED:
        return registration
    if (
        registration.status != RegistrationStatus.OFFERED
        or registration.offer_expires_at is None
        or registration.offer_expires_at <= timezone.now()
    ):
        raise ValidationError(_("The offer has expired; the seat went to the next in line."))
    registration.status = RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status"])
    kind = NotificationKind.REGISTERED
    notify(kind=kind, key=f"{kind}:{registration.pk}", row=registration)
    return registration


@transaction.atomic
def offers_expire(*, now: datetime | None = None) -> int:
    """Beat: offers whose time ran out lapse and their seats go to the next in line.
    A constant number of queries whatever the number of offers and sessions."""
    now = now or timezone.now()
    due = Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
    session_ids = sorted(set(due.values_list("session_id", flat=True)))
    if not session_ids:
        return 0
    # Lock in one order (by id), the same as single cancellations take them one by one.
    list(Session.objects.select_for_update().filter(pk__in=session_ids).order_by("pk").values("pk"))
    expired = due.filter(session_id__in=session_ids).update(status=RegistrationStatus.EXPIRED)
    _notify_offers(_offer_free_seats(session_ids, now))
    return expired


@transaction.atomic
def reminders_send(*, now: datetime | None = None) -> int:
    """Beat: the day before a session, a reminder to everyone with a seat, once per
    registration (its outbox key). Three queries per sweep."""
    now = now or timezone.now()
    tomorrow = now.astimezone(COPENHAGEN).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, datetime.min.time(), tzinfo=COPENHAGEN)
    end = start + timedelta(days=1)
    sessions = Session.objects.filter(cancelled=False, starts_at__gte=start, starts_at__lt=end)
    rows = list(
        Registration.objects.filter(
            session__in=sessions, status=RegistrationStatus.CONFIRMED
        ).values("pk", "email", "language")
    )
    kind = NotificationKind.REMINDER
    sent = notify_many(kind=kind, rows=[{**row, "key": f"{kind}:{row['pk']}"} for row in rows])
    sessions.filter(reminded_at__isnull=True).update(reminded_at=now)
    return sent


@transaction.atomic
def attendance_record(*, session: Session, by, attended_ids) -> int:
    """The advisor marks who came; everyone else with a seat did not. Those who came get
    the evaluation link once."""
    if session.starts_at > timezone.now():
        raise ValidationError(_("Attendance is recorded once the session has started."))
    attended_ids = {int(pk) for pk in attended_ids}
    seated = Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED)
    seated.filter(pk__in=attended_ids).update(attended=True)
    seated.exclude(pk__in=attended_ids).update(attended=False)
    rows = list(seated.filter(attended=True).values("pk", "email", "language"))
    kind = NotificationKind.EVALUATION
    notify_many(kind=kind, rows=[{**row, "key": f"{kind}:{row['pk']}"} for row in rows])
    return len(rows)


@transaction.atomic
def evaluation_add(
    *, registration: Registration, rating: object, comment: object = ""
) -> Evaluation:
    """One evaluation per participant who came, after the session."""
    if registration.attended is not True:
        raise ValidationError(_("Only participants who attended can evaluate the session."))
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    comment = clean_text("comment", comment, max_length=2000, required=False)
    evaluation, _created = Evaluation.objects.update_or_create(
        registration=registration, defaults={"rating": rating, "comment": comment}
    )
    return evaluation
