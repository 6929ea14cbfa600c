"""Browser test helpers: Debian's chromium driven by Playwright, axe-core and keyboard checks."""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_unavailable_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not AXE_JS.exists():
        return f"axe-core missing at {AXE_JS} (run make assets)"
    return None


def t(lang: str, text: str) -> str:
    """``text`` translated into ``lang``: tests read labels the way the page shows them."""
    with translation.override(lang):
        return gettext(text)


def prefix(lang: str) -> str:
    """The URL prefix of a language: Danish is the default, unprefixed."""
    return "" if lang == "da" else "/en"


def login(page, lang: str, username: str, target: str, *, password: str = PASSWORD) -> None:
    """Sign in afresh on the login page of ``lang`` and land on ``target`` (a path without
    the language prefix). Enter in the password field: clicking the form's submit button
    would hit the language switcher's form on some pages."""
    page.context.clear_cookies()
    page.goto(f"{prefix(lang)}/login/?next={prefix(lang)}{target}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def assert_no_axe_violations(page) -> None:
    """Run axe-core on the page; fail on any WCAG 2.1 A/AA violation, listing them."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    if violations:
        pytest.fail(f"axe violations on {page.url}:\n{json.dumps(violations, indent=2)}")


_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  let label = el.tagName.toLowerCase();
  if (el.id) label += '#' + el.id;
  label += ' ' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
  return {label, visible: box.width > 0 && box.height > 0, indicated: outline || shadow};
}"""


def tab_through(page, max_stops: int = 80) -> list[str]:
    """Walk the page with Tab; every stop must be on screen and show a visible focus.

    Returns the labels of the stops in order (for asserting what keyboard users reach).
    """
    stops = []
    for _ in range(max_stops):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:
            break
        if stops and state["label"] == stops[0]:
            break
        assert state["visible"], f"focus on an invisible element: {state['label']}"
        assert state["indicated"], f"no visible focus indicator on: {state['label']}"
        stops.append(state["label"])
    assert stops, "nothing on the page takes keyboard focus"
    return stops


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
