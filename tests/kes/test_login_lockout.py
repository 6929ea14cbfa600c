"""Login lockout (django-axes): five wrong passwords for one username from one address lock
that pair for a while; other addresses, a success and the token endpoint behave."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from kes.lockout import client_ip
from tests.browser import assert_no_axe_violations, screenshot
from tests.factories import PASSWORD, UserFactory

LIMIT = 5
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"
TOKEN_URL = "/api/v1/auth/token/"


pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def anna(db):
    return UserFactory(username="anna")


def _login(client, password, *, path="/login/", address=OWNER, **headers):
    return client.post(
        path, {"username": "anna", "password": password}, REMOTE_ADDR=address, **headers
    )


def _fail(client, times, *, path="/login/", address=OWNER, **headers):
    """``times`` wrong passwords; the last response (the one that locks is the lockout page)."""
    for _attempt in range(times):
        response = _login(client, "wrong", path=path, address=address, **headers)
    return response


def _text(msgid, language):
    with translation.override(language):
        return gettext(msgid)


@pytest.mark.parametrize("path,language", [("/login/", "da"), ("/en/login/", "en")])
def test_the_sixth_attempt_is_locked_even_with_the_right_password(client, anna, path, language):
    assert _fail(client, LIMIT - 1, path=path).status_code == 200  # the form, with its error
    assert _fail(client, 1, path=path).status_code == 429  # the fifth says so at once
    response = _login(client, PASSWORD, path=path)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{_text('Too many login attempts', language)}</h1>" in html
    assert "15" in html  # minutes to wait


def test_four_failures_do_not_lock(client, anna):
    _fail(client, LIMIT - 1)
    assert _login(client, PASSWORD).status_code == 302


def test_an_attacker_elsewhere_does_not_lock_the_owner_out(client, anna):
    _fail(client, LIMIT + 3, address=ATTACKER)
    assert _login(client, PASSWORD, address=ATTACKER).status_code == 429
    response = _login(client, PASSWORD, address=OWNER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_a_forged_forwarded_for_header_does_not_change_the_address(client, anna):
    # Without trusted proxies the header is the client's own words and is ignored.
    for number in range(LIMIT):
        _fail(client, 1, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert _login(client, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_a_success_resets_the_count(client, anna):
    _fail(client, LIMIT - 1)
    assert _login(client, PASSWORD).status_code == 302
    client.post("/logout/")
    assert not AccessAttempt.objects.exists()
    _fail(client, LIMIT - 1)
    assert _login(client, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, anna, settings):
    _fail(client, LIMIT)
    assert _login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert _login(client, PASSWORD).status_code == 302


def test_the_token_endpoint_still_answers_with_json(anna):
    api = APIClient(REMOTE_ADDR=OWNER)
    ok = api.post(TOKEN_URL, {"username": "anna", "password": PASSWORD})
    assert ok.status_code == 200 and ok.json()["token"]
    for _attempt in range(LIMIT):
        assert api.post(TOKEN_URL, {"username": "anna", "password": "x"}).status_code == 400
    # Locked for this address now: still the API's own JSON error, never a page or a 500.
    locked = api.post(TOKEN_URL, {"username": "anna", "password": PASSWORD})
    assert locked.status_code == 400
    assert locked["Content-Type"] == "application/json"
    assert "token" not in locked.json()


def test_token_failures_count_for_the_web_login_too(client, anna):
    api = APIClient(REMOTE_ADDR=OWNER)
    for _attempt in range(LIMIT):
        api.post(TOKEN_URL, {"username": "anna", "password": "x"})
    assert _login(client, PASSWORD).status_code == 429


@pytest.mark.parametrize(
    "proxies,forwarded,expected",
    [
        (0, "192.0.2.1", "10.0.0.1"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "192.0.2.66, 192.0.2.1", "192.0.2.1"),  # the left one is the client's own claim
        (2, "192.0.2.66, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        (1, "not-an-address", "10.0.0.1"),
        (2, "192.0.2.1", "10.0.0.1"),  # fewer hops than proxies: the peer
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.KES_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["da", "en"])
def test_the_lockout_page_passes_axe(page, language):
    UserFactory(username="anna")
    prefix = "" if language == "da" else "/en"
    for password in ["wrong"] * LIMIT + [PASSWORD]:
        page.goto(f"{prefix}/login/")
        page.fill("#id_username", "anna")
        page.fill("#id_password", password)
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == _text("Too many login attempts", language)
    assert_no_axe_violations(page)
    screenshot(page, f"login-locked-{language}")
