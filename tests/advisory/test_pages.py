"""The advice pages: calendar with filters and constant queries, sign-up and cancel by link,
counselling booking, my bookings, advisor pages with their access, the managers' figures."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisory import links
from advisory.constants import RegistrationStatus
from advisory.models import CounsellingBooking, Evaluation, Registration
from tests.factories import UserFactory

from .helpers import course, hub, session, sign_up, slot

pytestmark = pytest.mark.django_db


def test_calendar_in_both_languages(client):
    session(offering=course(title_en="Starting a business in Copenhagen"))
    danish = client.get("/advice/")
    english = client.get("/en/advice/")
    assert danish.status_code == english.status_code == 200
    assert "Start din virksomhed" in danish.content.decode()
    assert "Starting a business in Copenhagen" in english.content.decode()


def test_calendar_filters(client):
    ku = hub()
    english = session(offering=course(title_en="English course", language="en"), place=ku)
    danish = session(offering=course(title_en="Danish course", language="da", topic="finance"))
    past = session(offering=course(title_en="Old course"), days=-2)

    def shown(query):
        body = client.get(f"/en/advice/?{query}").content.decode()
        return {c for c in ("English course", "Danish course", "Old course") if c in body}

    assert shown("") == {"English course", "Danish course"}
    assert shown("language=en") == {"English course"}
    assert shown("topic=finance") == {"Danish course"}
    assert shown(f"place={ku.pk}") == {"English course"}
    assert shown("place=online") == {"Danish course"}
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert shown(f"day={later}") == set()
    # Nonsense is ignored, never a 500.
    for query in (
        "topic=%00",
        "day=0001-01-01",
        "day=99999-01-01",
        "place=-1",
        "page=x",
        "language=%ED%A0%80",
    ):
        assert client.get(f"/en/advice/?{query}").status_code == 200
    assert english and danish and past


def test_calendar_queries_do_not_grow_with_sessions(client):
    ku = hub()
    for n in range(2):
        session(offering=course(title_en=f"C{n}"), place=ku)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/en/advice/").status_code == 200
    for n in range(15):
        session(offering=course(title_en=f"D{n}"), place=hub(f"Hub {n}"))
    with CaptureQueriesContext(connection) as many:
        assert client.get("/en/advice/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_sign_up_and_cancel_by_link(client, mailoutbox, django_capture_on_commit_callbacks):
    on = session(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/advice/sessions/{on.pk}/",
            {"name": "Ann Founder", "email": "ann@example.invalid", "cvr": ""},
        )
    registration = Registration.objects.get()
    assert response.status_code == 302
    token = response["Location"].removeprefix("/en/advice/registrations/").rstrip("/")
    assert links.registration_pk(token) == registration.pk
    assert registration.language == "en" and registration.status == RegistrationStatus.CONFIRMED
    (mail,) = mailoutbox
    assert "/en/advice/registrations/" in mail.body
    page = client.get(response["Location"])
    assert "Cancel my registration" in page.content.decode()
    client.post(response["Location"], {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_sign_up_errors_show_on_the_form(client):
    on = session()
    response = client.post(
        f"/en/advice/sessions/{on.pk}/",
        {"name": "Ann", "email": "ann@example.invalid", "cvr": "12345678"},
    )
    assert response.status_code == 200
    assert "not a valid CVR number" in response.content.decode()
    response = client.post(
        f"/en/advice/sessions/{on.pk}/", {"name": "A\x00", "email": "x@example.invalid"}
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_bad_and_foreign_links_are_404(client):
    registration = sign_up(session(), 1)
    assert client.get("/en/advice/registrations/nonsense/").status_code == 404
    forged = links.booking_token(registration.pk)  # another purpose's signature
    assert client.get(f"/en/advice/registrations/{forged}/").status_code == 404
    assert client.get("/en/advice/sessions/999999/").status_code == 404


def test_offer_taken_on_the_page(client):
    on = session(capacity=1)
    seated, waiting = sign_up(on, 1), sign_up(on, 2)
    from advisory.services import registration_cancel

    registration_cancel(registration_id=seated.pk)
    url = f"/en/advice/registrations/{links.registration_token(waiting.pk)}/"
    assert "Take the place" in client.get(url).content.decode()
    client.post(url, {"action": "accept"})
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_book_counselling_reschedule_and_ics(client):
    advisor = UserFactory(username="t-anna", first_name="Anna")
    first, second = slot(advisor=advisor, hour=9), slot(advisor=advisor, hour=11)
    listing = client.get("/en/advice/counselling/").content.decode()
    assert f"/en/advice/counselling/{first.pk}/" in listing
    response = client.post(
        f"/en/advice/counselling/{first.pk}/",
        {
            "name": "Bo",
            "email": "bo@example.invalid",
            "topic": "starting",
            "description": "A bakery",
        },
    )
    booking = CounsellingBooking.objects.get()
    assert response.status_code == 302
    url = response["Location"]
    assert (
        f"/en/advice/counselling/{first.pk}/"
        not in client.get("/en/advice/counselling/").content.decode()
    )
    assert client.get(f"/en/advice/counselling/{first.pk}/").status_code == 404
    client.post(url, {"action": "reschedule", "slot": second.pk})
    booking.refresh_from_db()
    assert booking.slot_id == second.pk
    ics = client.get(f"{url}invitation.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"SEQUENCE:1" in ics.content
    client.post(url, {"action": "cancel"})
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_my_bookings_needs_login_and_shows_only_mine(client, business_user, other_business_user):
    assert client.get("/en/my/advice/").status_code == 302
    on = session(capacity=5)
    sign_up(on, 1, email=business_user.email, name="Mine")
    sign_up(on, 2, email=other_business_user.email, name="Theirs")
    client.force_login(business_user)
    body = client.get("/en/my/advice/").content.decode()
    assert body.count("/en/advice/registrations/") == 1


def test_my_bookings_queries_constant(client, business_user):
    client.force_login(business_user)
    sign_up(session(capacity=5), 0, email=business_user.email)
    with CaptureQueriesContext(connection) as few:
        client.get("/en/my/advice/")
    for n in range(5):
        sign_up(
            session(capacity=5, offering=course(title_en=f"C{n}")), n, email=business_user.email
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/en/my/advice/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_advisor_pages_access(client, advisor_user, outsider_user, business_user):
    mine = session(capacity=3, days=-1, advisors=[advisor_user])
    other_advisor = UserFactory(username="t-other-advisor")
    theirs = session(capacity=3, days=-1, advisors=[other_advisor])
    client.force_login(outsider_user)
    assert client.get("/en/staff/advice/").status_code == 403
    assert client.get(f"/en/staff/advice/sessions/{mine.pk}/").status_code == 403
    client.force_login(advisor_user)
    assert client.get("/en/staff/advice/").status_code == 200
    assert client.get(f"/en/staff/advice/sessions/{mine.pk}/").status_code == 200
    assert client.get(f"/en/staff/advice/sessions/{theirs.pk}/").status_code == 404
    theirs_booking = CounsellingBooking.objects.create(
        slot=slot(advisor=other_advisor),
        name="X",
        email="x@example.invalid",
        language="da",
        topic="starting",
        description="x",
    )
    assert client.get(f"/en/staff/advice/bookings/{theirs_booking.pk}/").status_code == 404
    assert client.get("/en/staff/advice/figures/").status_code == 403
    assert client.get("/en/staff/advice/slots/").status_code == 200
    assert client.get("/en/staff/advice/outreach/").status_code == 200


def test_advisor_records_attendance_and_a_note(client, advisor_user):
    on = session(capacity=3, days=-1, advisors=[advisor_user])
    a, b = Registration.objects.bulk_create(
        [
            Registration(
                session=on, name=n, email=f"{n}@example.invalid", language="da", status="confirmed"
            )
            for n in ("Ann", "Bo")
        ]
    )
    client.force_login(advisor_user)
    response = client.post(f"/en/staff/advice/sessions/{on.pk}/", {"attended": [a.pk]})
    assert response.status_code == 302
    assert list(Registration.objects.order_by("name").values_list("attended", flat=True)) == [
        True,
        False,
    ]
    booking = CounsellingBooking.objects.create(
        slot=slot(advisor=advisor_user, days=-1),
        name="Cy",
        email="cy@example.invalid",
        language="da",
        topic="permits",
        description="Terrace",
    )
    response = client.post(
        f"/en/staff/advice/bookings/{booking.pk}/",
        {
            "action": "note",
            "attended": "on",
            "text": "Talked about the terrace.",
            "follow_up": "",
            "case_reference": "KES-2026-000001",
        },
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.attended is True
    assert booking.note.case_reference == "KES-2026-000001"


def test_advisor_publishes_weekly_time(client, advisor_user):
    client.force_login(advisor_user)
    response = client.post(
        "/en/staff/advice/slots/",
        {
            "action": "weekly",
            "weekly-weekday": "2",
            "weekly-start_time": "09:00",
            "weekly-end_time": "11:00",
            "weekly-slot_minutes": "60",
        },
    )
    assert response.status_code == 302
    assert advisor_user.advisory_slots.count() >= 16
    response = client.post(
        "/en/staff/advice/slots/",
        {
            "action": "weekly",
            "weekly-weekday": "2",
            "weekly-start_time": "11:00",
            "weekly-end_time": "09:00",
            "weekly-slot_minutes": "60",
        },
    )
    assert response.status_code == 200
    assert "The end must be after the start" in response.content.decode()


def test_outreach_visit_logged(client, advisor_user):
    place = hub()
    client.force_login(advisor_user)
    response = client.post(
        "/en/staff/advice/outreach/",
        {
            "hub": place.pk,
            "visited_on": timezone.localdate().isoformat(),
            "businesses_met": "4",
            "topics": ["permits", "finance"],
        },
    )
    assert response.status_code == 302
    assert advisor_user.advisory_visits.get().topics == ["permits", "finance"]


def test_figures_page_for_managers(client, manager_user):
    client.force_login(manager_user)
    assert client.get("/en/staff/advice/figures/").status_code == 200
    assert client.get("/staff/advice/figures/?first=0001-01-01&last=x").status_code == 200
    response = client.post(
        "/en/staff/advice/figures/",
        {"cvr": "12345607", "started_year": "2022", "year": "2023", "active": "on"},
    )
    assert response.status_code == 302


def test_home_page_links_to_free_advice(client):
    assert 'href="/en/advice/"' in client.get("/en/").content.decode()
    assert 'href="/advice/"' in client.get("/").content.decode()


def test_advice_of_one_business_over_time(
    client, advisor_user, outsider_user, django_assert_max_num_queries
):
    held = session(capacity=3, days=-30)
    Registration.objects.create(
        session=held,
        name="Ann",
        email="ann@example.invalid",
        language="da",
        status="confirmed",
        cvr="12345607",
        attended=True,
    )
    CounsellingBooking.objects.create(
        slot=slot(advisor=advisor_user, days=-10),
        name="Ann",
        email="ann@example.invalid",
        language="da",
        topic="finance",
        description="VAT",
        cvr="12345607",
    )
    client.force_login(outsider_user)
    assert client.get("/en/staff/advice/businesses/12345607/").status_code == 403
    client.force_login(advisor_user)
    with django_assert_max_num_queries(10):
        body = client.get("/en/staff/advice/businesses/12345607/").content.decode()
    assert "Start din virksomhed" in body or "Starting a business" in body
    assert "Finance and accounts" in body
    assert client.get("/en/staff/advice/businesses/1234/").status_code == 404


def test_evaluation_after_the_session(client):
    held = session(capacity=3, days=-1)
    registration = Registration.objects.create(
        session=held,
        name="Ann",
        email="ann@example.invalid",
        language="en",
        status="confirmed",
        attended=True,
    )
    url = f"/en/advice/registrations/{links.registration_token(registration.pk)}/"
    assert "How was the session?" in client.get(url).content.decode()
    response = client.post(url, {"action": "evaluate", "rating": "9"})
    assert response.status_code == 200
    assert not Evaluation.objects.exists()
    client.post(url, {"action": "evaluate", "rating": "4", "comment": "Useful"})
    registration.refresh_from_db()
    assert registration.evaluation.rating == 4
    assert "How was the session?" not in client.get(url).content.decode()


def test_time_away_withdraws_free_slots(client, advisor_user):
    free = slot(advisor=advisor_user, days=5, hour=10)
    client.force_login(advisor_user)
    day = timezone.localtime(free.starts_at).date().isoformat()
    response = client.post(
        "/en/staff/advice/slots/",
        {
            "action": "away",
            "away-day": day,
            "away-start_time": "",
            "away-end_time": "",
            "away-reason": "Ferie",
        },
    )
    assert response.status_code == 302
    free.refresh_from_db()
    assert free.withdrawn
    response = client.post(
        "/en/staff/advice/slots/",
        {
            "action": "away",
            "away-day": day,
            "away-start_time": "10:00",
            "away-end_time": "",
            "away-reason": "",
        },
    )
    assert "Give both times" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/en/advice/counselling/", "/en/staff/advice/", "/en/staff/advice/slots/"]
)
def test_lists_are_constant_in_queries(client, advisor_user, path):
    client.force_login(advisor_user)

    def add(n, first_day):
        for i in range(n):
            on = slot(advisor=advisor_user, days=first_day + i, hour=9)
            CounsellingBooking.objects.create(
                slot=on,
                name=f"P{i}",
                email=f"p{i}@example.invalid",
                language="da",
                topic="starting",
                description="x",
            )
            slot(advisor=advisor_user, days=first_day + i, hour=13)
            sign_up(
                session(capacity=2, advisors=[advisor_user], offering=course(title_en=f"S{n}{i}")),
                f"{n}{i}",
            )

    add(1, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    add(4, 3)
    with CaptureQueriesContext(connection) as many:
        assert client.get(path).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_past_sessions_and_lapsed_offers_offer_no_buttons(client):
    past = session(days=-1)
    body = client.get(f"/en/advice/sessions/{past.pk}/").content.decode()
    assert "This session has taken place" in body and 'id="id_email"' not in body
    on = session(capacity=1)
    seated, waiting = sign_up(on, 1), sign_up(on, 2)
    from advisory.services import registration_cancel

    registration_cancel(registration_id=seated.pk)
    Registration.objects.filter(pk=waiting.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    url = f"/en/advice/registrations/{links.registration_token(waiting.pk)}/"
    assert "Take the place" not in client.get(url).content.decode()
    response = client.post(url, {"action": "accept"}, follow=True)
    assert "The offer has expired" in response.content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2000-01-01"])
def test_time_away_at_an_impossible_date_is_refused(client, advisor_user, day):
    client.force_login(advisor_user)
    response = client.post("/en/staff/advice/slots/", {"action": "away", "away-day": day})
    assert response.status_code == 200
    assert "form-error" in response.content.decode()
    assert not advisor_user.advisory_exceptions.exists()


@pytest.mark.parametrize(
    "query", ["first=0001-01-01&last=2025-01-01", "first=2025-01-01&last=9999-12-31"]
)
def test_figures_period_at_impossible_dates_falls_back(client, manager_user, query):
    client.force_login(manager_user)
    assert client.get(f"/en/staff/advice/figures/?{query}").status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_calendar_day_at_impossible_dates_is_ignored(client, day):
    session()
    response = client.get(f"/en/advice/?day={day}")
    assert response.status_code == 200
    assert "1 upcoming date" in response.content.decode()
