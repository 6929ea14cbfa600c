"""Reads of free advice, each with its joins, for the pages, the API and the figures."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from .constants import (
    SEAT_HOLDING,
    BookingStatus,
    OfferingKind,
    RegistrationStatus,
)
from .models import (
    CounsellingBooking,
    Course,
    PartnerHub,
    Registration,
    Session,
    Slot,
    SurvivalCheck,
)
from .rules import COPENHAGEN

_SEATS = Count("registrations", filter=Q(registrations__status__in=SEAT_HOLDING))
_WAITING = Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING))


def sessions_with_seats() -> QuerySet[Session]:
    """Sessions with their course and place, and ``taken`` and ``waiting`` counted in the
    same query (one query for any number of sessions)."""
    return (
        Session.objects.select_related("course", "hub")
        .annotate(taken=_SEATS, waiting=_WAITING)
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class CalendarFilter:
    topic: str = ""
    language: str = ""
    hub: int | None = None
    online: bool = False
    day: date | None = None
    kind: str = ""


def sessions_for_calendar(filters: CalendarFilter, *, now: datetime | None = None):
    """Upcoming sessions of active courses, filtered as the public calendar asks."""
    now = now or timezone.now()
    sessions = sessions_with_seats().filter(cancelled=False, starts_at__gt=now, course__active=True)
    if filters.topic:
        sessions = sessions.filter(course__topic=filters.topic)
    if filters.language:
        sessions = sessions.filter(course__language=filters.language)
    if filters.kind:
        sessions = sessions.filter(course__kind=filters.kind)
    if filters.online:
        sessions = sessions.filter(hub__isnull=True)
    elif filters.hub:
        sessions = sessions.filter(hub_id=filters.hub)
    if filters.day:
        start = datetime.combine(filters.day, datetime.min.time(), tzinfo=COPENHAGEN)
        sessions = sessions.filter(starts_at__gte=start)
    return sessions


def sessions_with_free_places(*, now: datetime | None = None) -> QuerySet[Session]:
    """Upcoming sessions that still have a free seat (the API's list)."""
    return sessions_for_calendar(CalendarFilter(), now=now).filter(taken__lt=F("capacity"))


def session_for_page(pk: int) -> Session | None:
    return (
        sessions_with_seats()
        .prefetch_related("advisors")
        .filter(pk=pk, course__active=True)
        .first()
    )


def hubs() -> QuerySet[PartnerHub]:
    return PartnerHub.objects.order_by("name")


def free_slots(*, now: datetime | None = None, advisor_id: int | None = None) -> QuerySet[Slot]:
    """Counselling slots still bookable, with advisor and place."""
    now = now or timezone.now()
    booked = CounsellingBooking.objects.filter(slot=OuterRef("pk"), status=BookingStatus.BOOKED)
    slots = (
        Slot.objects.select_related("advisor", "hub")
        .filter(withdrawn=False, starts_at__gt=now)
        .exclude(Exists(booked))
        .order_by("starts_at", "pk")
    )
    if advisor_id:
        slots = slots.filter(advisor_id=advisor_id)
    return slots


def registrations_of(user) -> QuerySet[Registration]:
    """A logged-in person's registrations (by account or by the account's e-mail)."""
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    return (
        Registration.objects.filter(mine)
        .select_related("session__course", "session__hub")
        .order_by("-session__starts_at", "pk")
    )


def bookings_of(user) -> QuerySet[CounsellingBooking]:
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    return (
        CounsellingBooking.objects.filter(mine)
        .select_related("slot__advisor", "slot__hub")
        .order_by("-slot__starts_at", "pk")
    )


def registration_for_link(pk: int) -> Registration | None:
    return (
        Registration.objects.select_related("session__course", "session__hub", "evaluation")
        .filter(pk=pk)
        .first()
    )


def booking_for_link(pk: int) -> CounsellingBooking | None:
    return (
        CounsellingBooking.objects.select_related("slot__advisor", "slot__hub")
        .filter(pk=pk)
        .first()
    )


def sessions_of_advisor(advisor) -> QuerySet[Session]:
    return sessions_with_seats().filter(advisors=advisor).order_by("-starts_at", "pk")


def sessions_visible_to(queryset: QuerySet[Session], user) -> QuerySet[Session]:
    """An advisor sees the sessions they hold; other sessions are not found (404)."""
    return queryset.filter(advisors=user)


def seated(session: Session) -> QuerySet[Registration]:
    return session.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("name", "pk")


def bookings_of_advisor(advisor) -> QuerySet[CounsellingBooking]:
    return (
        CounsellingBooking.objects.filter(slot__advisor=advisor)
        .select_related("slot__hub", "note")
        .order_by("-slot__starts_at", "pk")
    )


def bookings_visible_to(queryset: QuerySet[CounsellingBooking], user):
    """An advisor sees the bookings of their own slots."""
    return queryset.filter(slot__advisor=user)


def slots_of_advisor(advisor, *, now: datetime | None = None) -> QuerySet[Slot]:
    now = now or timezone.now()
    live = Prefetch(
        "bookings",
        queryset=CounsellingBooking.objects.filter(status=BookingStatus.BOOKED),
        to_attr="live_bookings",
    )
    return (
        Slot.objects.filter(advisor=advisor, starts_at__gt=now)
        .select_related("hub")
        .prefetch_related(live)
        .order_by("starts_at", "pk")
    )


_WORD = re.compile(r"\w+", re.UNICODE)
# Words that say nothing about what a course is about.
_STOP = frozenset(
    [
        "jeg",
        "vil",
        "hvordan",
        "hvad",
        "kan",
        "skal",
        "man",
        "min",
        "mit",
        "mine",
        "der",
        "det",
        "som",
        "have",
        "gerne",
        "how",
        "can",
        "what",
        "want",
        "with",
        "the",
        "and",
        "for",
        "you",
        "your",
    ]
)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) >= 3 and w not in _STOP}


def _fits(query_words: set[str], course_words: set[str]) -> int:
    # A shared stem of five letters is enough: "starte" finds "start", "registrere"
    # finds "registrering", "company" finds "company's".
    return sum(
        1
        for q in query_words
        if any(c[:5] == q[:5] if min(len(c), len(q)) >= 5 else c == q for c in course_words)
    )


def courses_for_query(query: str, *, language: str, limit: int = 3) -> list[Course]:
    """Active courses whose title or keywords fit a free-text question (the guide), with
    their next session (``next_session``) in two queries; courses in the question's
    language first."""
    wanted = _words(query or "")
    if not wanted:
        return []
    courses = list(
        Course.objects.filter(active=True, kind=OfferingKind.COURSE).only(
            "pk", "title_da", "title_en", "keywords_da", "keywords_en", "language"
        )
    )
    scored = []
    for course in courses:
        text = " ".join(
            [
                course.title_da or "",
                course.title_en or "",
                course.keywords_da or "",
                course.keywords_en or "",
            ]
        )
        score = _fits(wanted, _words(text))
        if score:
            scored.append((-score, course.language != language, course.pk))
    ranked = [pk for *_rest, pk in sorted(scored)][:limit]
    if not ranked:
        return []
    upcoming = Session.objects.filter(cancelled=False, starts_at__gt=timezone.now()).order_by(
        "starts_at", "pk"
    )
    found = (
        Course.objects.filter(pk__in=ranked)
        .prefetch_related(
            Prefetch("sessions", queryset=upcoming.select_related("hub"), to_attr="upcoming")
        )
        .in_bulk()
    )
    result = []
    for pk in ranked:
        course = found[pk]
        course.next_session = course.upcoming[0] if course.upcoming else None
        result.append(course)
    return result


def advice_of_business(cvr: str) -> dict:
    """What a business (by CVR) received over time: sessions it had a seat at, counselling,
    and the yearly "still in business?" checks; three queries."""
    registrations = list(
        Registration.objects.filter(cvr=cvr, status=RegistrationStatus.CONFIRMED)
        .select_related("session__course", "session__hub")
        .order_by("session__starts_at", "pk")
    )
    bookings = list(
        CounsellingBooking.objects.filter(cvr=cvr)
        .select_related("slot__advisor")
        .order_by("slot__starts_at", "pk")
    )
    checks = list(SurvivalCheck.objects.filter(cvr=cvr).order_by("year"))
    return {"registrations": registrations, "bookings": bookings, "checks": checks}


from .figures import advisory_figures  # noqa: E402  (the managers' figures, beside the reads)

__all__ = ["advisory_figures"]
