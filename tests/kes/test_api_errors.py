"""Errors under /api/ are JSON of one shape, ``{"detail": "..."}`` (DESIGN.md §6); a 400
about fields keeps its field messages. Pages elsewhere keep their HTML error pages."""

import json

import pytest
from rest_framework.test import APIClient

CLASSIFY_URL = "/api/v1/intake/classify/"
TOKEN_URL = "/api/v1/auth/token/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def api():
    client = APIClient()
    # An unexpected exception answers 500 as in production instead of reaching the test.
    client.raise_request_exception = False
    return client


def detail_of(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert list(body) == ["detail"], body
    assert isinstance(body["detail"], str) and body["detail"]
    return body["detail"]


@pytest.mark.parametrize(
    "url", ["/api/", "/api/v2/cases/", "/api/v1/nothing/here/", "/api/v1/cases/NO-SUCH-CASE/x/"]
)
def test_an_unknown_address_under_the_api_is_a_json_404(api, db, url):
    assert detail_of(api.get(url, **EN), 404) == "Not found."


def test_an_unknown_page_keeps_its_html_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_unexpected_error_in_the_api_is_a_json_500(api, db, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("intake.api.case_track_preview", broken)
    response = api.post(CLASSIFY_URL, {"channel": "digital", "services": ["x"]}, **EN)
    assert detail_of(response, 500) == "A server error occurred."


def test_an_unexpected_error_on_a_page_keeps_its_html_500(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("kes.views.render", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_a_body_larger_than_the_upload_limit_is_a_json_413(api, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"channel": "digital", "services": ["x" * 2000]})
    response = api.generic("POST", CLASSIFY_URL, body, content_type="application/json", **EN)
    assert detail_of(response, 413) == "The request body is too large: at most 1000 bytes."


def test_a_body_within_the_upload_limit_is_read(api, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"channel": "digital", "services": ["no_such_service"]})
    response = api.generic("POST", CLASSIFY_URL, body, content_type="application/json", **EN)
    assert response.status_code == 400
    assert "services" in response.json()


def test_a_bad_host_under_the_api_is_a_json_400(api, db):
    response = api.get("/api/v1/services/", HTTP_HOST="evil.example", **EN)
    assert detail_of(response, 400) == "Malformed request."


def test_a_bad_host_on_a_page_keeps_its_html_400(client, db):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not response["Content-Type"].startswith("application/json")


def test_malformed_json_is_a_400_with_a_detail(api, db):
    response = api.generic("POST", CLASSIFY_URL, "{", content_type="application/json", **EN)
    assert detail_of(response, 400).startswith("JSON parse error")


def test_not_logged_in_is_a_json_401(api, db):
    assert detail_of(api.get("/api/v1/cases/KES-2026-000001/", **EN), 401)


def test_a_role_without_access_is_a_json_403(api, outsider_user):
    api.force_authenticate(outsider_user)
    assert detail_of(api.post("/api/v1/cases/", {}, **EN), 403)


def test_a_method_not_allowed_is_a_json_405(api, db):
    assert detail_of(api.get(CLASSIFY_URL, **EN), 405) == 'Method "GET" not allowed.'


def test_an_unsupported_media_type_is_a_json_415(api, db):
    response = api.post(CLASSIFY_URL, "channel=digital", content_type="text/plain", **EN)
    assert detail_of(response, 415)


def test_too_many_failed_logins_is_a_json_429(api, db, settings):
    for _attempt in range(12):
        response = api.post(TOKEN_URL, {"username": "someone", "password": "wrong"}, **EN)
    assert detail_of(response, 429).startswith("Request was throttled.")


def test_api_errors_are_in_danish_by_default(api, db):
    assert detail_of(api.get("/api/v2/"), 404) == "Ikke fundet."
