"""The dashboard in a real browser, axe-checked in Danish and English, used by keyboard
alone: tab through the filters in order, choose a track with the arrow keys, send the
form with Enter, then open the tasks behind a figure from its link."""

import pytest
import yaml

from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from kes.constants import Role
from routing.services import user_roles_grant
from tests.browser import assert_no_axe_violations, login, prefix, screenshot
from tests.factories import UserFactory

from .data import PERIOD, build

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FILTER_ORDER = ["id_from", "id_to", "id_department", "id_service", "id_track", "id_channel"]


def _active_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _tab_to_next_field(page, current: str) -> str:
    # A date input holds its day, month and year as separate stops: tab past them.
    for _ in range(6):
        page.keyboard.press("Tab")
        if (active := _active_id(page)) != current:
            return active
    return current


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_dashboard_by_keyboard(page, lang):
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))
    build()
    manager = UserFactory(username="m-dash", language=lang)
    user_roles_grant(user=manager, roles=[Role.MANAGER])
    query = f"?from={PERIOD['from']}&to={PERIOD['to']}"
    login(page, lang, "m-dash", "/staff/dashboard/")
    page.goto(f"{prefix(lang)}/staff/dashboard/{query}")
    assert "/staff/dashboard/" in page.url
    assert page.locator("[data-chart] svg").count() == 5
    assert page.locator("[data-figure='decided'] a").inner_text() == "9"
    assert_no_axe_violations(page)
    screenshot(page, f"dashboard-{lang}")

    page.focus("#id_from")
    seen = ["id_from"]
    while seen[-1] != "id_channel" and len(seen) < 10:
        seen.append(_tab_to_next_field(page, seen[-1]))
    assert seen == FILTER_ORDER
    page.focus("#id_track")
    page.keyboard.press("ArrowDown")  # the first track after "all"
    chosen = page.eval_on_selector("#id_track", "el => el.value")
    assert chosen
    page.focus("#id_channel")
    assert _tab_to_next_field(page, "id_channel") == "dashboard-submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"track={chosen}" in page.url
    assert page.eval_on_selector("#id_track", "el => el.value") == chosen
    assert_no_axe_violations(page)

    page.goto(f"{prefix(lang)}/staff/dashboard/{query}")
    link = page.locator("[data-figure='within'] a")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/staff/dashboard/tasks/" in page.url and "figure=within" in page.url
    assert page.locator("[data-task]").count() == 5
    assert_no_axe_violations(page)
    screenshot(page, f"dashboard-tasks-{lang}")
