"""The intake journeys in a real browser, axe-checked on every page, in Danish and English."""

import datetime

import pytest
import yaml
from django.core import mail
from django.utils import timezone

from cases.models import Case
from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from kes.constants import Role
from routing.services import user_roles_grant
from tests.browser import assert_no_axe_violations, login, prefix
from tests.browser import t as translated
from tests.factories import (
    BusinessFactory,
    BusinessMembershipFactory,
    UserFactory,
    file_bytes,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "da": {
        "search": "udservering",
        "apply": "Søg",
        "continue": "Fortsæt",
        "send": "Send ansøgningen",
        "pavement": "På fortovet",
        "no": "Nej",
        "thanks": "Tak – vi har modtaget den",
        "record": "Registrér svaret og afslut sagen",
        "counter": "Ved skranken",
    },
    "en": {
        "search": "outdoor seating",
        "apply": "Apply",
        "continue": "Continue",
        "send": "Send the application",
        "pavement": "On the pavement",
        "no": "No",
        "thanks": "Thank you – we have received it",
        "record": "Record the answer and close the case",
        "counter": "At the counter",
    },
}


@pytest.fixture
def catalogue():
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))


def _continue(page, label):
    # Sending renders the receipt PDF in-process (Celery runs eagerly in tests): allow time.
    page.get_by_role("button", name=label, exact=True).click(timeout=60_000)
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_business_goes_from_the_guide_through_the_wizard_to_a_receipt(page, catalogue, lang):
    t = TEXTS[lang]
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    BusinessMembershipFactory(business=business, user=UserFactory(username="dorte", language=lang))
    login(page, lang, "dorte", "/account/")

    page.goto(f"{prefix(lang)}/")
    page.fill("#guide-q", t["search"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/guide/**")
    assert_no_axe_violations(page)
    page.locator("a[href*='services=outdoor_serving']").first.click()
    page.wait_for_url("**/apply/?services=outdoor_serving*")
    assert page.locator("input[value=outdoor_serving]").is_checked()
    assert_no_axe_violations(page)
    _continue(page, t["continue"])

    # Answers: leave the required area empty first: the error summary links to it.
    _continue(page, t["continue"])
    assert page.locator("[data-module=error-summary] a[href='#id_area_m2']").count() == 1
    assert_no_axe_violations(page)
    page.fill("#id_area_m2", "20")
    page.get_by_label(t["pavement"]).check()
    page.locator("input[name=serves_alcohol][value=false]").check()
    _continue(page, t["continue"])

    page.fill("#id_description", "Seks borde og tolv stole foran caféen.")
    assert_no_axe_violations(page)
    _continue(page, t["continue"])

    page.set_input_files(
        "#id_file",
        files=[{"name": "tegning.pdf", "mimeType": "application/pdf", "buffer": file_bytes("pdf")}],
    )
    page.locator("button[name=upload]").click()
    page.wait_for_load_state()
    assert page.locator("tbody td").first.inner_text() == "tegning.pdf"
    assert_no_axe_violations(page)
    _continue(page, t["continue"])

    assert_no_axe_violations(page)
    _continue(page, t["send"])
    assert page.locator("h1").inner_text() == t["thanks"]
    assert_no_axe_violations(page)
    case = Case.objects.get()
    assert case.reference in page.locator("main").inner_text()
    assert case.track == "self_service"
    receipts = [m for m in mail.outbox if case.reference in m.subject]
    assert len(receipts) == 1 and receipts[0].attachments[0][2] == "application/pdf"


def _staff(lang):
    user = UserFactory(username="karen", language=lang)
    user_roles_grant(user=user, roles=[Role.KES_STAFF])
    return user


@pytest.mark.parametrize("lang", ["da", "en"])
def test_staff_register_a_counter_application_received_two_days_ago(page, catalogue, lang):
    t = TEXTS[lang]
    _staff(lang)
    login(page, lang, "karen", "/account/")
    page.goto(f"{prefix(lang)}/staff/intake/?services=outdoor_serving")
    assert_no_axe_violations(page)
    page.fill("#id_cvr", "12345607")
    page.fill("#id_name", "Demo Café ApS")
    page.fill("#id_email", "cafe@example.invalid")
    _continue(page, t["continue"])

    two_days_ago = timezone.localdate() - datetime.timedelta(days=2)
    page.get_by_label(t["counter"]).check()
    page.fill("#id_received_on", two_days_ago.strftime("%d/%m/%Y"))
    assert_no_axe_violations(page)
    _continue(page, t["continue"])
    assert page.locator("input[value=outdoor_serving]").is_checked()
    _continue(page, t["continue"])  # the services, prefilled
    page.fill("#id_area_m2", "20")
    page.get_by_label(t["pavement"]).check()
    page.locator("input[name=serves_alcohol][value=false]").check()
    _continue(page, t["continue"])
    page.fill("#id_description", "Ansøgning afleveret ved skranken.")
    _continue(page, t["continue"])
    _continue(page, t["continue"])  # documents: none now
    page.locator("input[value=apply_online]").check()
    assert_no_axe_violations(page)
    _continue(page, t["continue"])
    assert_no_axe_violations(page)
    # Staff send the business's application, and the wizard says so.
    _continue(page, translated(lang, "Send the business's application"))
    assert page.locator("h1").inner_text() == t["thanks"]
    case = Case.objects.get()
    assert (case.channel, case.track, case.assisted_by.username) == ("counter", "assisted", "karen")
    assert timezone.localtime(case.received_at).date() == two_days_ago
    assert (
        page.locator("[data-case-link]")
        .get_attribute("href")
        .endswith(f"/staff/cases/{case.reference}/")
    )

    # Register another: the same business now shows its open case after the lookup.
    page.locator("[data-register-another]").click()
    page.wait_for_load_state()
    page.fill("#id_cvr", "12345607")
    _continue(page, t["continue"])
    assert page.locator(f"[data-open-cases] [data-case='{case.reference}']").count() == 1
    assert page.locator("[data-no-waiting-requests]").count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_staff_record_a_quick_answer(page, catalogue, lang):
    t = TEXTS[lang]
    _staff(lang)
    login(page, lang, "karen", "/account/")
    page.goto(f"{prefix(lang)}/staff/intake/?services=sign_rules")
    page.fill("#id_cvr", "12345607")
    page.fill("#id_name", "Demo Café ApS")
    page.fill("#id_email", "cafe@example.invalid")
    _continue(page, t["continue"])
    page.get_by_label(t["counter"]).check()
    _continue(page, t["continue"])
    _continue(page, t["continue"])  # the services, prefilled
    page.fill("#id_description", "Spørger om regler for facadeskilte.")
    _continue(page, t["continue"])
    _continue(page, t["continue"])  # nothing shown
    page.fill("#id_topic", "Facadeskilte")
    page.fill("#id_text", "Skilte fastgjort på facaden kræver som regel ikke byggetilladelse.")
    assert_no_axe_violations(page)
    _continue(page, t["record"])
    assert page.locator("h1").inner_text() == t["thanks"]
    assert_no_axe_violations(page)
    case = Case.objects.get()
    assert (case.track, case.status) == ("immediate", "closed")
