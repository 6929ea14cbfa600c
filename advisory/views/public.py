"""Public advice pages: the course calendar, a session and its sign-up, the counselling
times and their booking, and the pages a signed link opens (no login needed)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from advisory import links, selectors, services
from advisory.constants import RegistrationStatus
from advisory.forms import (
    ONLINE,
    BookingForm,
    CalendarFilterForm,
    EvaluationForm,
    RescheduleForm,
    SignUpForm,
    called,
    form_saved,
)
from advisory.ics import booking_calendar

PAGE_SIZE = 20


def _language() -> str:
    return "en" if (translation.get_language() or "").startswith("en") else "da"


def _person_initial(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {"name": user.get_full_name() or user.username, "email": user.email}


def calendar(request: HttpRequest) -> HttpResponse:
    """Kursuskalender: upcoming courses and events, filtered by topic, language, place, date."""
    hubs = list(selectors.hubs())
    form = CalendarFilterForm(request.GET or None, hubs=hubs)
    chosen = form.filters() if request.GET else {}
    place = chosen.get("place") or ""
    filters = selectors.CalendarFilter(
        topic=chosen.get("topic") or "",
        language=chosen.get("language") or "",
        hub=int(place) if place.isdigit() else None,
        online=place == ONLINE,
        day=chosen.get("day"),
    )
    page = Paginator(selectors.sessions_for_calendar(filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "advisory/calendar.html", {"form": form, "page": page})


@never_cache
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_for_page(pk)
    if session is None:
        raise Http404
    form = SignUpForm(
        request.POST if request.method == "POST" else None, initial=_person_initial(request.user)
    )
    if request.method == "POST":
        registration = form_saved(
            form,
            lambda data: services.registration_create(
                session_id=session.pk, language=_language(), user=request.user, **data
            ),
        )
        if registration is not None:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("You are signed up. We have sent you an e-mail."))
            else:
                messages.info(request, _("The session is full: you are on the waiting list."))
            return redirect("advice_registration", token=links.registration_token(registration.pk))
    is_open = not session.cancelled and session.starts_at > timezone.now()
    return render(
        request, "advisory/session.html", {"session": session, "form": form, "open": is_open}
    )


def _registration(token: str):
    pk = links.registration_pk(token)
    registration = selectors.registration_for_link(pk) if pk else None
    if registration is None:
        raise Http404
    return registration


@never_cache
def registration_manage(request: HttpRequest, token: str) -> HttpResponse:
    """The page of one registration (by its signed link): status, cancel, take an offered
    seat, evaluate after the session."""
    registration = _registration(token)
    session = registration.session
    may_evaluate = registration.attended is True and session.ends_at <= timezone.now()
    evaluation = getattr(registration, "evaluation", None)
    form = EvaluationForm(request.POST if request.POST.get("action") == "evaluate" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        done = None
        if action == "cancel":
            done = called(
                request, lambda: services.registration_cancel(registration_id=registration.pk)
            )
            message = _("Your registration is cancelled.")
        elif action == "accept":
            done = called(request, lambda: services.offer_accept(registration_id=registration.pk))
            message = _("The seat is yours. See you there!")
        elif action == "evaluate" and may_evaluate and evaluation is None:
            done = form_saved(
                form, lambda data: services.evaluation_add(registration=registration, **data)
            )
            message = _("Thank you for your evaluation.")
        if done is not None:
            messages.success(request, message)
            return redirect("advice_registration", token=token)
    return render(
        request,
        "advisory/registration.html",
        {
            "registration": registration,
            "session": session,
            "form": form,
            "may_evaluate": may_evaluate and evaluation is None,
            "offer_open": registration.status == RegistrationStatus.OFFERED
            and registration.offer_expires_at is not None
            and registration.offer_expires_at > timezone.now(),
            "evaluation": evaluation,
            "active": registration.status
            in (
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITING,
                RegistrationStatus.OFFERED,
            )
            and session.starts_at > timezone.now(),
        },
    )


def _slot_label(slot) -> str:
    start = timezone.localtime(slot.starts_at)
    name = slot.advisor.get_full_name() or slot.advisor.username
    return f"{date_format(start, 'DATETIME_FORMAT')} – {name}"


def counselling(request: HttpRequest) -> HttpResponse:
    """Free counselling times, soonest first."""
    page = Paginator(selectors.free_slots(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "advisory/counselling.html", {"page": page})


@never_cache
def slot_book(request: HttpRequest, pk: int) -> HttpResponse:
    slot = selectors.free_slots().filter(pk=pk).first()
    if slot is None:
        raise Http404
    form = BookingForm(
        request.POST if request.method == "POST" else None, initial=_person_initial(request.user)
    )
    if request.method == "POST":
        booking = form_saved(
            form,
            lambda data: services.booking_create(
                slot_id=slot.pk, language=_language(), user=request.user, **data
            ),
        )
        if booking is not None:
            messages.success(
                request, _("Your session is booked. The invitation is on its way by e-mail.")
            )
            return redirect("advice_booking", token=links.booking_token(booking.pk))
    return render(request, "advisory/book.html", {"slot": slot, "form": form})


def _booking(token: str):
    pk = links.booking_pk(token)
    booking = selectors.booking_for_link(pk) if pk else None
    if booking is None:
        raise Http404
    return booking


@never_cache
def booking_manage(request: HttpRequest, token: str) -> HttpResponse:
    """One booking (by its signed link): the invitation, move it, cancel it."""
    booking = _booking(token)
    others = list(selectors.free_slots(advisor_id=booking.slot.advisor_id)[:30])
    for other in others:
        other.label = _slot_label(other)
    form = RescheduleForm(
        request.POST if request.POST.get("action") == "reschedule" else None, slots=others
    )
    if request.method == "POST":
        action = request.POST.get("action")
        done = None
        if action == "cancel":
            done = called(request, lambda: services.booking_cancel(booking_id=booking.pk))
            message = _("Your session is cancelled.")
        elif action == "reschedule":
            done = form_saved(
                form,
                lambda data: services.booking_reschedule(
                    booking_id=booking.pk, slot_id=data["slot"]
                ),
            )
            message = _("Your session is moved. The new invitation is on its way by e-mail.")
        if done is not None:
            messages.success(request, message)
            return redirect("advice_booking", token=token)
    return render(
        request,
        "advisory/booking.html",
        {
            "booking": booking,
            "slot": booking.slot,
            "form": form,
            "token": token,
            "active": booking.status == "booked" and booking.slot.starts_at > timezone.now(),
        },
    )


def booking_ics(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    response = HttpResponse(booking_calendar(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="invitation.ics"'
    return response


def my_advice(request: HttpRequest) -> HttpResponse:
    """Mine tilmeldinger: a logged-in person's courses and counselling, with their links."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registrations = list(selectors.registrations_of(request.user)[:50])
    for registration in registrations:
        registration.link = reverse(
            "advice_registration", kwargs={"token": links.registration_token(registration.pk)}
        )
    bookings = list(selectors.bookings_of(request.user)[:50])
    for booking in bookings:
        booking.link = reverse("advice_booking", kwargs={"token": links.booking_token(booking.pk)})
    return render(
        request,
        "advisory/mine.html",
        {"registrations": registrations, "bookings": bookings},
    )
