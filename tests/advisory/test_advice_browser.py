"""Free advice in a real browser, axe-checked, in Danish and English: find the English
course from the home page, sign up and cancel; book a counselling slot; the advisor records
attendance and a note."""

import pytest

from advisory.models import CounsellingBooking, Registration
from tests.browser import assert_no_axe_violations, login, prefix, screenshot, t

from .helpers import course, hub, session, slot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def press(page, lang, label, role="button"):
    page.get_by_role(role, name=t(lang, label), exact=True).first.click()
    page.wait_for_load_state()


@pytest.fixture
def courses():
    ku = hub()
    english = course(
        title_en="Starting a business in Denmark",
        title_da="Start en virksomhed i Danmark",
        language="en",
    )
    danish = course(
        title_en="The good building application",
        title_da="Den gode byggeansøgning",
        language="da",
        topic="building_application",
    )
    return session(capacity=2, offering=english, place=ku), session(capacity=10, offering=danish)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_find_an_english_course_sign_up_and_cancel(page, courses, lang):
    english, _danish = courses
    page.goto(f"{prefix(lang)}/")
    page.get_by_role("link", name=t(lang, "Free advice: courses and counselling")).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{prefix(lang)}/advice/")
    assert_no_axe_violations(page)
    page.select_option("#id_language", "en")
    press(page, lang, "Show courses")
    assert "language=en" in page.url
    assert (
        page.get_by_role(
            "link", name=english.course.title_en if lang == "en" else english.course.title_da
        ).count()
        == 1
    )
    # The Danish course is filtered out (its title is also a topic's Danish name in the filter).
    assert page.get_by_role("link", name="Den gode byggeansøgning").count() == 0
    screenshot(page, f"advice-calendar-{lang}")
    page.get_by_role(
        "link", name=english.course.title_en if lang == "en" else english.course.title_da
    ).click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.fill("#id_name", "Ann Founder")
    page.fill("#id_email", f"ann-{lang}@example.invalid")
    screenshot(page, f"advice-session-{lang}")
    press(page, lang, "Sign up")
    assert "/advice/registrations/" in page.url
    assert_no_axe_violations(page)
    screenshot(page, f"advice-registration-{lang}")
    registration = Registration.objects.get()
    assert registration.status == "confirmed" and registration.language == lang
    press(page, lang, "Cancel my registration")
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert page.locator("[data-status=cancelled]").count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_book_a_counselling_slot(page, lang):
    free = slot(hour=10)
    page.goto(f"{prefix(lang)}/advice/counselling/")
    assert_no_axe_violations(page)
    screenshot(page, f"advice-counselling-{lang}")
    page.locator(f"a[href='{prefix(lang)}/advice/counselling/{free.pk}/']").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    press(page, lang, "Book the time")  # empty: the error summary
    assert page.locator(".alert-error").count() == 1
    assert_no_axe_violations(page)
    page.fill("#id_name", "Bo Baker")
    page.fill("#id_email", "bo@example.invalid")
    page.select_option("#id_topic", "starting")
    page.fill("#id_description", "I want to open a bakery in Nørrebro.")
    press(page, lang, "Book the time")
    assert "/advice/bookings/" in page.url
    assert_no_axe_violations(page)
    screenshot(page, f"advice-booking-{lang}")
    booking = CounsellingBooking.objects.get()
    assert booking.slot_id == free.pk and booking.status == "booked"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_advisor_records_attendance_and_a_note(page, advisor_user, lang):
    advisor_user.language = lang
    advisor_user.save()
    held = session(capacity=5, days=-1, advisors=[advisor_user])
    Registration.objects.create(
        session=held,
        name="Ann Founder",
        email="ann@example.invalid",
        language=lang,
        status="confirmed",
    )
    past = slot(advisor=advisor_user, days=-1)
    booking = CounsellingBooking.objects.create(
        slot=past,
        name="Bo Baker",
        email="bo@example.invalid",
        language=lang,
        topic="permits",
        description="A terrace",
    )
    login(page, lang, advisor_user.username, "/staff/advice/")
    assert_no_axe_violations(page)
    screenshot(page, f"advice-staff-{lang}")
    page.goto(f"{prefix(lang)}/staff/advice/sessions/{held.pk}/")
    assert_no_axe_violations(page)
    page.get_by_label("Ann Founder").check()
    press(page, lang, "Save attendance")
    assert Registration.objects.get().attended is True
    page.goto(f"{prefix(lang)}/staff/advice/bookings/{booking.pk}/")
    assert_no_axe_violations(page)
    page.fill("#id_text", "Talked about the terrace permit.")
    page.fill("#id_follow_up", "Send the guide on outdoor serving.")
    press(page, lang, "Save the note")
    assert_no_axe_violations(page)
    screenshot(page, f"advice-note-{lang}")
    booking.refresh_from_db()
    assert booking.note.text == "Talked about the terrace permit."
    page.goto(f"{prefix(lang)}/staff/advice/slots/")
    assert_no_axe_violations(page)
    screenshot(page, f"advice-slots-{lang}")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_managers_figures_page(page, manager_user, lang):
    login(page, lang, manager_user.username, "/staff/advice/figures/")
    assert_no_axe_violations(page)
    screenshot(page, f"advice-figures-{lang}")
    assert page.locator("[data-survival]").count() == 6
