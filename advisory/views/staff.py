"""Advisor pages (my sessions and bookings, attendance, notes, my slots, outreach) and the
managers' figures. An advisor sees only their own sessions and bookings: others are 404."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from advisory import selectors, services
from advisory.constants import ADVICE_SERVICE_CODE
from advisory.forms import (
    AttendanceForm,
    AvailabilityForm,
    ExceptionForm,
    NoteForm,
    OutreachForm,
    PeriodForm,
    SurvivalForm,
    called,
    form_saved,
)
from advisory.models import CounsellingBooking, OutreachVisit, WeeklyAvailability
from kes.access import get_for_user_or_404, has_role, role_required
from kes.constants import Role
from kes.types import AuthenticatedHttpRequest

LIST_SIZE = 50


@role_required(Role.ADVISOR)
def advisor_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mine sessioner: the advisor's course sessions and counselling bookings."""
    now = timezone.now()
    sessions = list(selectors.sessions_of_advisor(request.user)[:LIST_SIZE])
    bookings = list(selectors.bookings_of_advisor(request.user)[:LIST_SIZE])
    return render(
        request,
        "advisory/staff/home.html",
        {"sessions": sessions, "bookings": bookings, "now": now},
    )


@role_required(Role.ADVISOR)
@never_cache
def session_attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = get_for_user_or_404(
        selectors.sessions_with_seats(), request.user, visible=selectors.sessions_visible_to, pk=pk
    )
    seated = list(selectors.seated(session))
    form = AttendanceForm(request.POST if request.method == "POST" else None, seated=seated)
    if request.method == "POST" and form_saved(
        form,
        lambda data: (
            services.attendance_record(
                session=session, by=request.user, attended_ids=data["attended"]
            )
            is not None
        ),
    ):
        messages.success(request, _("Attendance is recorded."))
        return redirect("advice_staff_session", pk=session.pk)
    return render(
        request,
        "advisory/staff/session.html",
        {
            "session": session,
            "seated": seated,
            "form": form,
            "started": session.starts_at <= timezone.now(),
        },
    )


def _referral_url(booking) -> str:
    # The one entrance's staff-assisted intake, with the booking, so that the case can be
    # linked back; intake's page is KES staff's.
    try:
        url = reverse("staff_intake")
    except NoReverseMatch:
        return ""
    return f"{url}?advisory_booking={booking.pk}"


@role_required(Role.ADVISOR)
@never_cache
def booking_note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = get_for_user_or_404(
        CounsellingBooking.objects.select_related("slot__hub", "note"),
        request.user,
        visible=selectors.bookings_visible_to,
        pk=pk,
    )
    note = getattr(booking, "note", None)
    initial = {"attended": booking.attended is not False}
    if note is not None:
        initial.update(text=note.text, follow_up=note.follow_up, case_reference=note.case_reference)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "cancel" and called(
        request, lambda: services.booking_cancel(booking_id=booking.pk)
    ):
        messages.success(request, _("The booking is cancelled; the person is told."))
        return redirect("advice_staff_booking", pk=booking.pk)
    form = NoteForm(request.POST if action == "note" else None, initial=initial)
    if action == "note" and form_saved(
        form, lambda data: services.note_save(booking=booking, author=request.user, **data)
    ):
        messages.success(request, _("The note is saved."))
        return redirect("advice_staff_booking", pk=booking.pk)
    return render(
        request,
        "advisory/staff/booking.html",
        {
            "booking": booking,
            "slot": booking.slot,
            "form": form,
            "note": note,
            "upcoming": booking.slot.starts_at > timezone.now(),
            "referral_url": _referral_url(booking)
            if has_role(request.user, Role.KES_STAFF)
            else "",
            "advice_service": ADVICE_SERVICE_CODE,
        },
    )


@role_required(Role.ADVISOR)
@never_cache
def my_slots(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mine rådgivningstider: weekly availability, exceptions and the coming slots."""
    action = request.POST.get("action") if request.method == "POST" else None
    weekly = AvailabilityForm(request.POST if action == "weekly" else None, prefix="weekly")
    away = ExceptionForm(request.POST if action == "away" else None, prefix="away")
    if action == "weekly" and form_saved(
        weekly, lambda data: services.availability_add(advisor=request.user, **data)
    ):
        messages.success(request, _("Your weekly time is saved and its slots are published."))
        return redirect("advice_staff_slots")
    if action == "away" and form_saved(
        away, lambda data: services.availability_exception_add(advisor=request.user, **data)
    ):
        messages.success(request, _("The time away is saved; free slots in it are withdrawn."))
        return redirect("advice_staff_slots")
    page = Paginator(selectors.slots_of_advisor(request.user), 30).get_page(request.GET.get("page"))
    rules = WeeklyAvailability.objects.filter(advisor=request.user).select_related("hub")
    return render(
        request,
        "advisory/staff/slots.html",
        {"weekly": weekly, "away": away, "page": page, "rules": rules},
    )


@role_required(Role.ADVISOR)
@never_cache
def outreach(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Opsøgende besøg: log a visit at a hub and the topics raised."""
    hubs = list(selectors.hubs())
    form = OutreachForm(request.POST if request.method == "POST" else None, hubs=hubs)
    by_pk = {hub.pk: hub for hub in hubs}

    def write(data):
        return services.outreach_visit_add(
            advisor=request.user, **{**data, "hub": by_pk[data["hub"]]}
        )

    if request.method == "POST" and form_saved(form, write):
        messages.success(request, _("The visit is logged."))
        return redirect("advice_staff_outreach")
    visits = OutreachVisit.objects.filter(advisor=request.user).select_related("hub")[:LIST_SIZE]
    return render(request, "advisory/staff/outreach.html", {"form": form, "visits": visits})


@role_required(Role.MANAGER)
@never_cache
def figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The managers' figures of free advice for a period (default: this year so far)."""
    today = timezone.localdate()
    period = PeriodForm(request.GET or None)
    first, last = date(today.year, 1, 1), today
    if request.GET and period.is_valid():
        first = period.cleaned_data.get("first") or first
        last = period.cleaned_data.get("last") or last
    survival_form = SurvivalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form_saved(
        survival_form, lambda data: services.survival_check_record(by=request.user, **data)
    ):
        messages.success(request, _("The check is recorded."))
        return redirect("advice_figures")
    return render(
        request,
        "advisory/staff/figures.html",
        {
            "period": period,
            "figures": selectors.advisory_figures(first, last),
            "survival_form": survival_form,
        },
    )


@role_required(Role.ADVISOR, Role.KES_STAFF, Role.MANAGER)
def business_advice(request: AuthenticatedHttpRequest, cvr: str) -> HttpResponse:
    """Opfølgning: the advice one business (by CVR) received over time, and its yearly checks."""
    if not (cvr.isascii() and cvr.isdigit() and len(cvr) == 8):
        raise Http404
    return render(
        request,
        "advisory/staff/business.html",
        {"cvr": cvr, **selectors.advice_of_business(cvr)},
    )
