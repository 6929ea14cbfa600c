"""The public pages in a real browser: axe-clean in both languages, usable by keyboard."""

import pytest

from tests.browser import assert_no_axe_violations, screenshot, t, tab_through
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": (
        "/",
        "Én indgang for virksomheder i København",
        "One entrance for businesses in Copenhagen",
    ),
    "login": ("/login/", "Log ind", "Log in"),
    "accessibility": ("/accessibility/", "Tilgængelighedserklæring", "Accessibility statement"),
    "not-found": ("/no-such-page/", "Siden findes ikke", "Page not found"),
}


def _url(path, lang):
    return path if lang == "da" else f"/en{path}"


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_passes_axe_in_both_languages(page, name, lang):
    path, heading_da, heading_en = PAGES[name]
    page.goto(_url(path, lang))
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == (heading_da if lang == "da" else heading_en)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_home_is_styled_by_the_design_system(page, lang):
    page.goto(_url("/", lang))
    # The Virk theme sets IBM Plex Sans; a missing stylesheet falls back to the browser's serif.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "IBM Plex Sans" in font
    wordmark = page.locator(".header .portal-info [data-wordmark]")
    assert wordmark.is_visible()
    # Text, not the national virk logo that the theme's .logo draws as a background image.
    assert wordmark.evaluate("el => getComputedStyle(el).backgroundImage") == "none"
    assert wordmark.inner_text().startswith("KES")
    # Its accessible name, as the old logo's: "Københavns Erhvervsservice – forside".
    front_page = f"{t(lang, 'Copenhagen Business Service')} – {t(lang, 'front page')}"
    assert page.get_by_role("link", name=front_page, exact=True).count() == 1
    assert page.locator("[data-home-entries] a").count() == 4
    screenshot(page, f"home-{lang}")


def test_home_can_be_walked_by_keyboard_with_visible_focus(page):
    page.goto("/")
    stops = tab_through(page)
    assert stops[0].startswith("a Gå til sidens indhold")
    assert any(stop.startswith("input#guide-q") for stop in stops)


def test_skip_link_moves_to_the_content(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_language_switch_by_keyboard_keeps_the_page(page):
    page.goto("/login/?next=/account/")
    english = page.locator(".language-switcher-header button[lang=en]")
    for _ in range(30):
        page.keyboard.press("Tab")
        if english.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the language switch is not reachable by keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/login/?next=/account/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Log in"


def test_login_error_summary_links_to_the_fields(page):
    page.goto("/en/login/")
    page.locator("button.button-primary[type=submit]").click()
    summary = page.locator("[data-module=error-summary]")
    assert summary.is_visible()
    links = summary.locator("a")
    assert links.count() == 2
    assert [links.nth(i).get_attribute("href") for i in range(2)] == [
        "#id_username",
        "#id_password",
    ]
    links.nth(1).click()
    assert page.evaluate("document.activeElement.id") == "id_password"
    assert page.locator("#id_username").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)


def test_login_by_keyboard_reaches_my_page(page):
    UserFactory(username="karin", first_name="Karin", last_name="Jensen")
    page.goto("/en/login/")
    page.locator("#id_username").focus()
    page.keyboard.type("karin")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/")
    assert page.locator("h1").inner_text() == "My page"
    assert page.locator(".portal-user .user").inner_text() == "Karin Jensen"
    assert_no_axe_violations(page)
