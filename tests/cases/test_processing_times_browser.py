"""The public processing-times page in a real browser, axe-checked, in Danish and English:
the tables are read through their headers, and the guide's figure links to the page."""

from datetime import timedelta

import pytest
import yaml
from django.utils import timezone

from cases.services.processing_times import processing_times_refresh
from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from tests.browser import assert_no_axe_violations, prefix, screenshot, tab_through
from tests.cases.processing_time_helpers import at, decided

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_public_page_reads_well_in_both_languages(page, lang):
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))
    day = timezone.localdate() - timedelta(days=20)
    for net in (3, 8, 8, 12, 25):
        decided("outdoor_serving", net=net, gross=net + 2, decided_at=at(day))
    decided("a_sign", net=4, decided_at=at(day))
    processing_times_refresh()

    page.goto(f"{prefix(lang)}/processing-times/")
    assert page.locator("html").get_attribute("lang") == lang
    row = page.locator('tr[data-service="outdoor_serving"]')
    assert row.get_attribute("data-percent-within") == "80"
    assert row.locator('th[scope="row"] a').count() == 1
    assert page.locator('tr[data-service="a_sign"] td[colspan="3"]').count() == 1
    assert page.locator("table caption").count() == page.locator("main h2").count() - 1
    assert_no_axe_violations(page)
    stops = tab_through(page, max_stops=200)
    # The tables' scroll regions take the keyboard's focus, so narrow screens can scroll them.
    assert any(stop.startswith("div") for stop in stops)
    screenshot(page, f"processing-times-{lang}")

    page.goto(f"{prefix(lang)}/guide/?q=udeservering")
    figure = page.locator('[data-processing-time="reported"]').first
    figure.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{prefix(lang)}/processing-times/")
