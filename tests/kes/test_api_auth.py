"""The REST API's token login, its language and its error shape (DESIGN.md §6)."""

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import NotAuthenticated
from rest_framework.test import APIClient

from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from kes.api import LoginFailureThrottle, error_detail, exception_handler
from tests.factories import PASSWORD, UserFactory

TOKEN_URL = "/api/v1/auth/token/"
DATA = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))


pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def catalogue(db):
    services = [s for s in DATA["services"] if s["code"] == "outdoor_serving"]
    catalogue_load(data={**DATA, "services": services})


APPLICATION = {
    "channel": "digital",
    "services": ["outdoor_serving"],
    "answers": {
        "outdoor_serving": {"area_m2": 20, "location_type": "pavement", "serves_alcohol": False}
    },
    "description": "Seks borde foran caféen.",
}


def test_token_flow_end_to_end(api, business_user, catalogue):
    response = api.post(TOKEN_URL, {"username": "t-business", "password": PASSWORD})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    token = response.json()["token"]
    assert token == Token.objects.get(user=business_user).key

    assert api.post("/api/v1/cases/", APPLICATION).status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    created = api.post("/api/v1/cases/", APPLICATION)
    assert created.status_code == 201, created.json()
    reference = created.json()["reference"]
    shown = api.get(f"/api/v1/cases/{reference}/")
    assert shown.status_code == 200
    assert shown.json() == created.json()

    # Logging in again gives the same token, not a second one.
    again = APIClient().post(TOKEN_URL, {"username": "t-business", "password": PASSWORD})
    assert again.json() == {"token": token}
    assert Token.objects.count() == 1


def test_bad_credentials_are_a_400_with_a_message(api, business_user):
    response = api.post(
        TOKEN_URL, {"username": "t-business", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert not Token.objects.exists()


def test_missing_credentials_are_field_errors(api, db):
    response = api.post(TOKEN_URL, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "username": ["This field is required."],
        "password": ["This field is required."],
    }


def test_an_inactive_user_gets_no_token(api, db):
    user = UserFactory(username="t-gone")
    user.is_active = False
    user.save()
    response = api.post(TOKEN_URL, {"username": "t-gone", "password": PASSWORD})
    assert response.status_code == 400
    assert not Token.objects.exists()


def test_the_api_speaks_json_only(api, business_user):
    response = api.post(
        TOKEN_URL, {"username": "t-business", "password": PASSWORD}, format="multipart"
    )
    assert response.status_code == 415


def test_a_wrong_token_is_a_401(api, db):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.get("/api/v1/services/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_session_works_too(api, business_user, catalogue):
    api.force_login(business_user)
    assert api.post("/api/v1/cases/", APPLICATION).status_code == 201


def test_password_guessing_is_throttled_per_username(api, business_user, monkeypatch):
    monkeypatch.setattr(LoginFailureThrottle, "THROTTLE_RATES", {"auth_token_failures": "2/minute"})
    UserFactory(username="t-bystander")
    # Successful logins do not count.
    for _attempt in range(3):
        assert (
            api.post(TOKEN_URL, {"username": "t-business", "password": PASSWORD}).status_code == 200
        )
    for _attempt in range(2):
        assert api.post(TOKEN_URL, {"username": "T-Business", "password": "x"}).status_code == 400
    response = api.post(TOKEN_URL, {"username": "t-business", "password": PASSWORD})
    assert response.status_code == 429
    # Another account from the same address is not held up.
    response = api.post(TOKEN_URL, {"username": "t-bystander", "password": PASSWORD})
    assert response.status_code == 200


# Language: Danish unless the client asks otherwise.


def test_api_is_danish_without_accept_language(api, db):
    response = api.post("/api/v1/cases/", {})
    assert response["Content-Language"] == "da"
    with translation.override("da"):
        danish = str(NotAuthenticated.default_detail)
    with translation.override("en"):
        english = str(NotAuthenticated.default_detail)
    assert danish != english
    assert response.json() == {"detail": danish}
    assert "Accept-Language" in response["Vary"]


def test_api_is_english_with_accept_language_en(api, db):
    response = api.post("/api/v1/cases/", {}, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,da;q=0.5")
    assert response["Content-Language"] == "en"
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert "Accept-Language" in response["Vary"]


def test_an_unsupported_language_falls_back_to_danish(api, db):
    response = api.post("/api/v1/cases/", {}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "da"


def test_pages_keep_the_language_of_their_url(client, db):
    # Only /api/ reads the header: the Danish pages stay Danish for an English browser.
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "da"
    assert client.get("/en/", HTTP_ACCEPT_LANGUAGE="da")["Content-Language"] == "en"


# Error shape.


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ({"services": ["a"]}, {"services": ["a"]}),
        (
            {"answers.svc.q": ["a"], "answers.svc.r": ["b"]},
            {"answers": {"svc": {"q": ["a"], "r": ["b"]}}},
        ),
        (
            {"answers": ["a"], "answers.svc": ["b"]},
            {"answers": {"non_field_errors": ["a"], "svc": ["b"]}},
        ),
        (
            {"answers.svc": ["b"], "answers": ["a"]},
            {"answers": {"svc": ["b"], "non_field_errors": ["a"]}},
        ),
        ({"__all__": ["a"]}, {"non_field_errors": ["a"]}),
        ({"": ["a"]}, {"non_field_errors": ["a"]}),
    ],
)
def test_service_error_keys_become_nested_fields(messages, expected):
    assert error_detail(messages) == expected


def test_a_service_validation_error_is_a_400():
    response = exception_handler(ValidationError({"answers.svc.q": ["a"]}), {})
    assert response.status_code == 400
    assert response.data == {"answers": {"svc": {"q": ["a"]}}}
    response = exception_handler(ValidationError("plain"), {})
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["plain"]}
