import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cases.models import Business, BusinessMembership
from tests.demo.test_seed_demo import DEMO_ROLES
from tests.factories import PASSWORD, UserFactory

REGISTRATION = {
    "cvr": "12 34 56 07",
    "business_name": "Demo Café ApS",
    "address": "Vesterbrogade 1",
    "postcode": "1620",
    "city": "København V",
    "phone": "",
    "first_name": "Dorte",
    "last_name": "Hansen",
    "email": "dorte@example.invalid",
    "language": "en",
    "username": "dorte",
    "password1": "a-long-and-fine-passphrase",
    "password2": "a-long-and-fine-passphrase",
}


def test_every_demo_user_can_log_in(client, db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    for username in DEMO_ROLES:
        response = client.post(
            reverse("login"), {"username": username, "password": "demo-password"}
        )
        assert response.status_code == 302, username
        assert client.get(reverse("account")).status_code == 200
        client.post(reverse("logout"))


def test_wrong_password_is_refused_with_a_message(client, db):
    UserFactory(username="anna")
    response = client.post("/en/login/", {"username": "anna", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"error-summary" in response.content


def test_login_lands_in_the_users_own_language(client, db):
    UserFactory(username="emma", language="en")
    response = client.post("/login/", {"username": "emma", "password": PASSWORD})
    assert response["Location"] == "/en/account/"


def test_login_on_a_chosen_language_page_stays_in_that_language(client, db):
    UserFactory(username="mads", language="da")
    response = client.post("/en/login/", {"username": "mads", "password": PASSWORD})
    assert response["Location"] == "/en/account/"


def test_login_keeps_a_safe_next_and_drops_an_offsite_one(client, db):
    UserFactory(username="anna")
    response = client.post(
        reverse("login") + "?next=/account/", {"username": "anna", "password": PASSWORD}
    )
    assert response["Location"] == "/account/"
    client.logout()
    response = client.post(
        reverse("login") + "?next=https://evil.example.invalid/",
        {"username": "anna", "password": PASSWORD},
    )
    assert response["Location"] == "/account/"


def test_logout_ends_the_session(client, db):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("account")).status_code == 302


def test_account_page_needs_login(client, db):
    response = client.get(reverse("account"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_registration_creates_user_business_and_link(client, db):
    response = client.post(reverse("register"), REGISTRATION)
    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
    user = get_user_model().objects.get(username="dorte")
    business = Business.objects.get(cvr="12345607")
    assert user.language == "en" and business.language == "en"
    assert BusinessMembership.objects.get(user=user, business=business).is_admin


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("cvr", "12345608", "check the digits"),
        ("cvr", "1234567", "exactly 8 digits"),
        ("postcode", "12", "4 digits"),
        ("email", "not-an-email", "valid email address"),
        ("password2", "something-else-entirely", "not the same"),
    ],
)
def test_registration_with_bad_input_stores_nothing(client, db, field, value, message):
    response = client.post("/en/register/", {**REGISTRATION, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert f'href="#id_{field}"' in response.content.decode()
    assert not get_user_model().objects.exists()
    assert not Business.objects.exists()


def test_registration_of_known_cvr_is_refused(client, db):
    client.post(reverse("register"), REGISTRATION)
    client.logout()
    response = client.post("/en/register/", {**REGISTRATION, "username": "someone-else"})
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_password_reset_sends_a_working_link(client, db):
    UserFactory(username="anna", email="anna@example.invalid")
    response = client.post(reverse("password_reset"), {"email": "anna@example.invalid"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "brand-new-passphrase", "new_password2": "brand-new-passphrase"}
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(username="anna").check_password("brand-new-passphrase")


def test_password_reset_for_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.invalid"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_mail_is_in_the_users_language(client, db):
    UserFactory(username="emma", email="emma@example.invalid", language="en")
    UserFactory(username="freja", email="freja@example.invalid", language="da")
    client.post("/password-reset/", {"email": "emma@example.invalid"})
    client.post("/en/password-reset/", {"email": "freja@example.invalid"})
    english, danish = mail.outbox
    assert english.subject.startswith("New password") and "Someone" in english.body
    assert danish.subject.startswith("Ny adgangskode") and "Nogen" in danish.body
