"""The receipt page, the case page's other authorities and "apply again with corrections"
in a real browser, axe-checked, in Danish and English."""

import pytest
import yaml

from intake.catalogue import DEFAULT_CATALOGUE
from intake.models import ApplicationDraft
from intake.services import catalogue_load
from tests.browser import assert_no_axe_violations, login, prefix, screenshot, t
from tests.cases.helpers import OUTDOOR_TYPED, decide_all, submit_case
from tests.factories import BusinessFactory, BusinessMembershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Serving alcohol outdoors: City Use decides, and the police must be contacted as well.
WITH_ALCOHOL = {"outdoor_serving": {**OUTDOOR_TYPED["outdoor_serving"], "serves_alcohol": True}}
FACADE = {"facade_sign": {"sign_placement": "facade", "illuminated": False}}
REJECT = {
    "outcome": "rejected",
    "statement": "Afslag: arealet er for stort.",
    "provisions": "Vejloven kræver fri passage.",
    "way_forward": "Søg om højst 20 m².",
    "alternatives": "Brug gården.",
    "complaint": "Klag til Vejdirektoratet inden fire uger.",
}


@pytest.fixture
def catalogue():
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))


def _owner(lang):
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    user = UserFactory(username="dorte", language=lang, first_name="Dorte")
    BusinessMembershipFactory(business=business, user=user)
    return business, user


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_receipt_page_shows_expected_dates_and_authorities(page, catalogue, lang):
    business, owner = _owner(lang)
    case = submit_case(
        business,
        owner,
        ["outdoor_serving", "facade_sign"],
        {**WITH_ALCOHOL, **FACADE},
    )
    login(page, lang, owner.username, f"/apply/submitted/{case.reference}/")
    assert page.locator("[data-reference]").inner_text() == case.reference
    rows = page.locator("[data-receipt-services] tbody tr")
    assert rows.count() == 2
    expected = {
        task.case_service.service.code: task.deadline.isoformat()
        for task in case.tasks.select_related("case_service__service")
        if task.deadline
    }
    for code, day in expected.items():
        row = page.locator(f"tr[data-service={code}]")
        assert row.locator("[data-expected]").get_attribute("datetime") == day
        # The date explains itself, as on the case page.
        row.locator("summary").click()
        assert row.locator(".details-text p").first.is_visible()
    police = page.locator("[data-authority=police]")
    assert police.is_visible()
    assert police.locator("a").get_attribute("href") == "https://politi.dk"
    assert_no_axe_violations(page)
    screenshot(page, f"receipt-{lang}")

    page.locator("[data-case-link]").click()
    page.wait_for_url(f"**{prefix(lang)}/my/cases/{case.reference}/")
    assert page.locator("[data-authority=police]").is_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_rejected_application_is_made_again_from_a_prefilled_draft(page, catalogue, lang):
    business, owner = _owner(lang)
    case = submit_case(business, owner, ["outdoor_serving"], WITH_ALCOHOL, description="Tolv borde")
    decide_all(case, REJECT)
    login(page, lang, owner.username, f"/my/cases/{case.reference}/")
    offer = page.locator("[data-apply-again]")
    assert offer.is_visible()
    assert_no_axe_violations(page)
    offer.get_by_role("button", name=t(lang, "Apply again with corrections")).click()
    page.wait_for_url("**/apply/*/services/")
    draft = ApplicationDraft.objects.get(owner=owner)
    assert page.url.endswith(f"{prefix(lang)}/apply/{draft.pk}/services/")
    assert page.locator("input[value=outdoor_serving]").is_checked()
    assert_no_axe_violations(page)
    assert draft.description == "Tolv borde"
