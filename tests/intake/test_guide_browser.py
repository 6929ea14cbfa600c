"""In a browser (da and en, axe-checked): tick two of the guide's results and start one
application with both services preselected and the search text as its description."""

import pytest
import yaml

from intake.catalogue import DEFAULT_CATALOGUE
from intake.models import ApplicationDraft
from intake.services import catalogue_load
from tests.browser import assert_no_axe_violations, login, prefix, screenshot, t
from tests.factories import BusinessFactory, BusinessMembershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUERIES = {
    "da": "jeg vil åbne en café med udeservering og musik",
    "en": "outdoor seating and live music at our café",
}
CHOSEN = ["outdoor_serving", "restaurant_music_noise"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_two_ticked_results_start_one_application_with_the_search_text(page, lang):
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    BusinessMembershipFactory(business=business, user=UserFactory(username="dorte", language=lang))
    login(page, lang, "dorte", "/account/")

    page.goto(f"{prefix(lang)}/")
    page.fill("#guide-q", QUERIES[lang])
    page.keyboard.press("Enter")
    page.wait_for_url("**/guide/**")
    for code in CHOSEN:
        # The label ticks the box, as a person clicking it would.
        page.locator(f"label[for='guide-choose-{code}']").click()
        assert page.locator(f"#guide-choose-{code}").is_checked()
    assert_no_axe_violations(page)
    screenshot(page, f"guide-choose-{lang}")

    page.locator("#guide-choose-submit").click()
    page.wait_for_url("**/apply/?**")
    for code in CHOSEN:
        assert page.locator(f"input[name=services][value={code}]").is_checked()
    assert_no_axe_violations(page)
    page.get_by_role("button", name=t(lang, "Continue"), exact=True).click()
    page.wait_for_load_state()

    draft = ApplicationDraft.objects.get()
    assert draft.services == CHOSEN
    assert draft.description == QUERIES[lang]
    page.goto(f"{prefix(lang)}/apply/{draft.pk}/details/")
    assert page.locator("#id_description").input_value() == QUERIES[lang]
    assert_no_axe_violations(page)
