"""The wizard in a real browser (issue 11 §2), axe-checked, in Danish and English: the error
summary names each question and takes the focus, the calendar buttons are named after their
field, an upload sent without choosing a type fills the missing document, Back after sending
shows the case, and the services filter."""

import pytest
import yaml

from cases.models import Case
from intake.catalogue import DEFAULT_CATALOGUE
from intake.models import Question
from intake.services import catalogue_load
from tests.browser import assert_no_axe_violations, login, prefix, t
from tests.factories import BusinessFactory, BusinessMembershipFactory, UserFactory, file_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue():
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))


def _business_user(lang):
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    BusinessMembershipFactory(business=business, user=UserFactory(username="dorte", language=lang))


def _continue(page, lang, label="Continue"):
    # Sending renders the receipt PDF in-process (Celery runs eagerly in tests): allow time.
    page.get_by_role("button", name=t(lang, label), exact=True).click(timeout=60_000)
    page.wait_for_load_state()


def _label(code, lang):
    question = Question.objects.get(service__code="outdoor_serving", code=code)
    return getattr(question, f"label_{lang}").rstrip("?").strip()


def _upload(page, name):
    page.set_input_files(
        "#id_file",
        files=[{"name": name, "mimeType": "application/pdf", "buffer": file_bytes("pdf")}],
    )
    page.locator("button[name=upload]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_wizard_names_its_errors_fills_the_gaps_and_knows_it_was_sent(page, catalogue, lang):
    _business_user(lang)
    login(page, lang, "dorte", "/apply/?services=outdoor_serving")
    _continue(page, lang)

    # Nothing answered: the summary names each question, links to it and has the focus.
    _continue(page, lang)
    summary = page.locator("[data-module=error-summary]")
    links = summary.locator("a")
    assert links.count() == 3
    for index, (code, anchor) in enumerate(
        [
            ("area_m2", "#id_area_m2"),
            ("location_type", "#id_location_type_0"),
            ("serves_alcohol", "#id_serves_alcohol_0"),
        ]
    ):
        assert links.nth(index).get_attribute("href") == anchor
        assert _label(code, lang) in links.nth(index).inner_text()
    assert page.evaluate("document.activeElement.dataset.module") == "error-summary"
    assert_no_axe_violations(page)
    links.first.click()
    assert page.evaluate("document.activeElement.id") == "id_area_m2"

    # The period's two calendar buttons are named after their own field.
    buttons = page.locator(".date-picker__button")
    assert buttons.count() == 2
    names = [buttons.nth(i).get_attribute("aria-label") for i in range(2)]
    assert t(lang, "First day") in names[0] and t(lang, "Last day") in names[1]
    assert ("Open calendar" if lang == "en" else "Åbn kalender") in names[0]
    page.fill("#id_area_m2", "20")
    page.locator("input[name=location_type][value=pavement]").check()
    page.locator("input[name=serves_alcohol][value=false]").check()
    page.fill("#id_location", "Vesterbrogade 12")
    _continue(page, lang)
    page.fill("#id_description", "Seks borde foran caféen.")
    _continue(page, lang)

    # Two uploads without touching the type: each fills the next missing document.
    assert page.locator("#id_document_code").input_value() == "site_plan"
    _upload(page, "tegning.pdf")
    assert page.locator("#id_document_code").input_value() == "frontage_photo"
    _upload(page, "foto.pdf")
    assert page.locator(".badge-warning").count() == 0
    assert page.locator(".badge-success").count() == 2
    assert_no_axe_violations(page)
    _continue(page, lang)

    _continue(page, lang, "Send the application")
    case = Case.objects.get()
    assert {d.required_document_code for d in case.documents.all()} == {
        "site_plan",
        "frontage_photo",
    }

    # Back from the receipt: the review says it was sent, with the way to the case.
    page.go_back()
    page.wait_for_load_state()
    link = page.locator("#sent-case-link")
    assert link.get_attribute("href") == f"{prefix(lang)}/my/cases/{case.reference}/"
    assert case.reference in link.inner_text()
    assert_no_axe_violations(page)
    link.click()
    page.wait_for_url(f"**/my/cases/{case.reference}/")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_services_filter_hides_what_does_not_match(page, catalogue, lang):
    _business_user(lang)
    login(page, lang, "dorte", "/apply/?services=street_vending")
    groups = page.locator("[data-service-group]")
    assert groups.first.get_attribute("data-service-group") == "chosen"
    assert groups.first.locator("input").first.get_attribute("value") == "street_vending"
    assert_no_axe_violations(page)
    filter_box = page.get_by_label(t(lang, "Find a service"))
    filter_box.fill("skilt" if lang == "da" else "sign")
    visible = page.locator("[data-service-option]:visible input")
    values = {visible.nth(i).get_attribute("value") for i in range(visible.count())}
    assert {"street_vending", "a_sign", "facade_sign"} <= values  # the chosen one stays
    assert "outdoor_serving" not in values
    count = page.locator("#service-filter-count")
    page.wait_for_function("document.querySelector('#service-filter-count').textContent !== ''")
    assert str(len(values)) in count.inner_text()
    assert count.get_attribute("aria-live") == "polite"
    assert_no_axe_violations(page)
    filter_box.fill("")
    assert page.locator("[data-service-option]:visible").count() > 20
