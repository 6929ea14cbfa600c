"""Hostile input to intake (issue 9 §2): a clear 400, never a 500, and nothing stored.

Each reproduction of the issue is an ordinary test; the property tests at the end throw
arbitrary JSON at ``POST /api/v1/intake/classify/`` and ``POST /api/v1/cases/``.
Run them on PostgreSQL too: NUL and lone surrogates fail there where SQLite stores them.
"""

import datetime
import json
import time

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from cases.models import Case
from intake.answers import MAX_ANSWERS_PER_SERVICE, MAX_SERVICES_PER_REQUEST
from intake.models import ApplicationDraft
from tests.factories import BusinessFactory, keep_shipped_catalogue
from tests.intake.test_api import (
    APPLICATION,
    CASES_URL,
    CLASSIFY_URL,
    EN,
    OUTDOOR,
    REQUEST,
)

TOKEN_URL = "/api/v1/auth/token/"
# Buying a plot asks a text question, the one kind of answer stored as the client sent it.
PLOT = {"plot_reference": "Nordhavn 12a", "new_local_plan_needed": False}
PLOT_APPLICATION = {
    "channel": "digital",
    "services": ["buy_municipal_plot"],
    "answers": {"buy_municipal_plot": PLOT},
    "description": "Grund til et bageri.",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture(scope="module")
def _catalogue(django_db_setup, django_db_blocker):
    yield from keep_shipped_catalogue(django_db_blocker)


@pytest.fixture
def catalogue(_catalogue, db):
    """The shipped catalogue, loaded once for this module."""


@pytest.fixture
def api():
    return APIClient()


def post_raw(client, url, body: bytes | str, **extra):
    """POST a JSON text as it is, so it may hold what json.dumps would not write."""
    if isinstance(body, str):
        body = body.encode()
    return client.generic("POST", url, body, content_type="application/json", **extra)


def dumps(value) -> bytes:
    # ensure_ascii: a lone surrogate becomes the escape "\udfff", which is valid JSON text.
    return json.dumps(value, ensure_ascii=True).encode()


def assert_json_error(response, status=400):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# --- nesting -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", [CLASSIFY_URL, TOKEN_URL])
@pytest.mark.parametrize(
    "body",
    ["[" * 100_000, '{"a":' * 100_000, "[" * 200 + "]" * 200],
    ids=["lists 100000 deep", "objects 100000 deep", "lists 200 deep"],
)
def test_deeply_nested_json_is_a_400(api, db, url, body):
    body = assert_json_error(post_raw(api, url, body, **EN))
    assert list(body) == ["detail"]


def test_json_nested_as_deep_as_a_request_needs_is_read(api, catalogue):
    response = post_raw(api, CLASSIFY_URL, dumps(REQUEST))
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1" + "0" * 5000])
def test_a_number_beyond_any_bound_is_a_400(api, catalogue, number):
    body = dumps(REQUEST).decode().replace('"area_m2": 20', f'"area_m2": {number}')
    assert number in body
    assert_json_error(post_raw(api, CLASSIFY_URL, body))


# --- NUL and lone surrogates -------------------------------------------------------------

# A text, and the code point the message names.
BAD = {"\udfff": "DFFF", "\ud800x": "D800", "Nordhavn\x0012a": "0000"}
BAD_TEXT = list(BAD)
BAD_TEXT_IDS = ["lone low surrogate", "lone high surrogate", "NUL"]


@pytest.mark.parametrize("bad", BAD_TEXT, ids=BAD_TEXT_IDS)
def test_a_bad_character_in_an_answer_key_is_a_400(api, catalogue, bad):
    answers = {"outdoor_serving": {**OUTDOOR, bad: "x"}}
    body = assert_json_error(post_raw(api, CLASSIFY_URL, dumps({**REQUEST, "answers": answers})))
    assert "answers" in body


@pytest.mark.parametrize("bad", BAD_TEXT, ids=BAD_TEXT_IDS)
def test_a_bad_character_in_a_service_key_of_the_answers_is_a_400(api, catalogue, bad):
    answers = {**REQUEST["answers"], bad: {}}
    body = assert_json_error(post_raw(api, CLASSIFY_URL, dumps({**REQUEST, "answers": answers})))
    assert "answers" in body


@pytest.mark.parametrize("bad", BAD_TEXT, ids=BAD_TEXT_IDS)
def test_a_bad_character_in_an_answer_is_a_400_and_stores_nothing(
    api, catalogue, business_user, bad
):
    api.force_authenticate(business_user)
    answers = {"buy_municipal_plot": {**PLOT, "plot_reference": bad}}
    response = post_raw(api, CASES_URL, dumps({**PLOT_APPLICATION, "answers": answers}), **EN)
    body = assert_json_error(response)
    assert body["answers"]["buy_municipal_plot"]["plot_reference"] == [
        f"The text contains a character that is not allowed (U+{BAD[bad]})."
    ]
    assert Case.objects.count() == 0


def test_the_same_answer_without_the_bad_character_is_stored(api, catalogue, business_user):
    api.force_authenticate(business_user)
    response = post_raw(api, CASES_URL, dumps(PLOT_APPLICATION))
    assert response.status_code == 201, response.json()
    assert Case.objects.get().services.get().answers["plot_reference"] == "Nordhavn 12a"


@pytest.mark.parametrize("bad", BAD_TEXT, ids=BAD_TEXT_IDS)
def test_a_bad_character_in_a_token_username_is_a_400(api, db, bad):
    response = post_raw(api, TOKEN_URL, dumps({"username": bad, "password": "x"}))
    assert_json_error(response)


# --- how many ----------------------------------------------------------------------------


def test_many_services_are_refused_at_once(api, catalogue):
    codes = [f"service_{n}" for n in range(40_000)]
    started = time.monotonic()
    response = post_raw(api, CLASSIFY_URL, dumps({**REQUEST, "services": codes}), **EN)
    elapsed = time.monotonic() - started
    body = assert_json_error(response)
    assert body["services"] == [
        f"Choose at most {MAX_SERVICES_PER_REQUEST} services in one request."
    ]
    assert elapsed < 2, elapsed


def test_as_many_services_as_the_catalogue_has_are_classified(api, catalogue):
    from intake.models import Service

    codes = list(Service.objects.values_list("code", flat=True))
    assert len(codes) <= MAX_SERVICES_PER_REQUEST
    response = post_raw(api, CLASSIFY_URL, dumps({**REQUEST, "services": codes}), **EN)
    # Required answers are missing: a 400 about answers, not about the number of services.
    body = assert_json_error(response)
    assert "services" not in body


def test_many_answers_to_one_service_are_refused_at_once(api, catalogue):
    answers = {"outdoor_serving": {**OUTDOOR, **{f"q{n}": n for n in range(10_000)}}}
    response = post_raw(api, CLASSIFY_URL, dumps({**REQUEST, "answers": answers}), **EN)
    body = assert_json_error(response)
    assert body["answers"]["outdoor_serving"] == [
        f"Give at most {MAX_ANSWERS_PER_SERVICE} answers to one service."
    ]


def test_answers_to_many_services_are_refused_at_once(api, catalogue):
    answers = {f"service_{n}": {} for n in range(10_000)}
    response = post_raw(api, CLASSIFY_URL, dumps({**REQUEST, "answers": answers}), **EN)
    body = assert_json_error(response)
    assert body["answers"] == [
        f"Give answers to at most {MAX_SERVICES_PER_REQUEST} services in one request."
    ]


# --- the date received -------------------------------------------------------------------


@pytest.mark.parametrize(
    "received_at", ["1900-01-01T00:00:00Z", "0001-01-02T12:00:00+01:00", "days=366"]
)
def test_staff_cannot_register_a_case_received_more_than_a_year_back(
    api, catalogue, kes_user, received_at
):
    if received_at == "days=366":
        received_at = (timezone.now() - datetime.timedelta(days=366)).isoformat()
    business = BusinessFactory()
    api.force_authenticate(kes_user)
    body = {**APPLICATION, "channel": "phone", "cvr": business.cvr, "received_at": received_at}
    response = post_raw(api, CASES_URL, dumps(body), **EN)
    assert assert_json_error(response) == {
        "received_at": ["The received date can be at most 365 days back."]
    }
    assert Case.objects.count() == 0


def test_staff_register_a_case_received_a_year_back(api, catalogue, kes_user):
    business = BusinessFactory()
    api.force_authenticate(kes_user)
    received_at = (timezone.now() - datetime.timedelta(days=365)).isoformat()
    body = {**APPLICATION, "channel": "phone", "cvr": business.cvr, "received_at": received_at}
    response = post_raw(api, CASES_URL, dumps(body))
    assert response.status_code == 201, response.json()


def _staff_draft(client, kes_user):
    client.force_login(kes_user)
    client.post(
        "/en/staff/intake/?services=outdoor_serving",
        {"cvr": "12345607", "name": "Demo Café ApS", "email": "cafe@example.invalid"},
    )
    return ApplicationDraft.objects.get()


@pytest.mark.parametrize("received_on", ["0001-01-02", "1900-01-01", "days=366"])
def test_the_front_desk_refuses_a_date_received_more_than_a_year_back(
    client, catalogue, kes_user, received_on
):
    if received_on == "days=366":
        received_on = (timezone.localdate() - datetime.timedelta(days=366)).isoformat()
    draft = _staff_draft(client, kes_user)
    response = client.post(
        f"/en/apply/{draft.pk}/channel/", {"channel": "counter", "received_on": received_on}
    )
    assert response.status_code == 200
    assert "The received date can be at most 365 days back." in response.content.decode()
    draft.refresh_from_db()
    assert draft.received_at is None


def test_a_front_desk_draft_received_too_long_ago_is_not_submitted(client, catalogue, kes_user):
    """A draft saved before the bound (or with a setting since lowered) still meets the
    service's check at submit."""
    draft = _staff_draft(client, kes_user)
    client.post(f"/en/apply/{draft.pk}/channel/", {"channel": "counter", "received_on": ""})
    draft.received_at = timezone.now() - datetime.timedelta(days=400)
    draft.save()
    client.post(
        f"/en/apply/{draft.pk}/answers-outdoor_serving/",
        {"area_m2": "20", "location_type": "pavement", "serves_alcohol": "false"},
    )
    client.post(f"/en/apply/{draft.pk}/details/", {"description": "Modtaget pr. brev."})
    client.post(f"/en/apply/{draft.pk}/shown/", {})
    response = client.post(f"/en/apply/{draft.pk}/review/", {})
    assert response.status_code == 200
    assert "The received date can be at most 365 days back." in response.content.decode()
    assert Case.objects.count() == 0


# --- the wizard's documents step ---------------------------------------------------------


@pytest.mark.parametrize("remove", ["abc", "", "1.5", "99999999999999999999999", "-1"])
def test_removing_a_document_that_does_not_exist_changes_nothing(
    client, catalogue, business_user, remove
):
    client.force_login(business_user)
    client.post("/en/apply/", {"services": ["outdoor_serving"]})
    draft = ApplicationDraft.objects.get()
    step = f"/en/apply/{draft.pk}/documents/"
    # Written directly: how uploads are checked is not what this test is about.
    draft.documents.create(
        document_code="site_plan",
        file=ContentFile(PDF, name="tegning.pdf"),
        original_name="tegning.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    response = client.post(step, {"remove": remove})
    assert response.status_code == 302
    assert response["Location"] == step
    assert draft.documents.count() == 1


# --- arbitrary JSON ----------------------------------------------------------------------

SERVICE_CODES = ["outdoor_serving", "buy_municipal_plot", "a_sign", "sign_rules", "no_such"]
QUESTION_CODES = ["area_m2", "location_type", "serves_alcohol", "plot_reference", "colour"]
NASTY_TEXT = ["\udfff", "\ud800", "\x00", "a" * 3000, " ", "", "digital", "1e400", "9" * 30]

text = st.text(alphabet=st.characters(exclude_categories=()), max_size=20) | st.sampled_from(
    NASTY_TEXT + SERVICE_CODES + QUESTION_CODES
)
numbers = (
    st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
)
scalars = st.none() | st.booleans() | numbers | text
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)
answer_values = json_values | st.sampled_from([20, "pavement", False, "Nordhavn 12a", "2027-08-21"])
answers = st.dictionaries(
    st.sampled_from(SERVICE_CODES) | text,
    st.dictionaries(st.sampled_from(QUESTION_CODES) | text, answer_values, max_size=5)
    | json_values,
    max_size=4,
)
services = st.lists(st.sampled_from(SERVICE_CODES) | text, max_size=5) | json_values
bodies = (
    st.fixed_dictionaries(
        {},
        optional={
            "channel": st.sampled_from(["digital", "phone", "counter"]) | json_values,
            "services": services,
            "answers": answers | json_values,
            "star_meeting_requested": json_values,
            "help_requested": json_values,
            "description": text | json_values,
            "cvr": text | json_values,
            "received_at": text | json_values,
            "business_name": text | json_values,
            "business_email": text | json_values,
        },
    )
    | json_values
)


@st.composite
def raw_bodies(draw):
    """A JSON text: mostly a request body, sometimes nested deep or with a number JSON
    cannot hold as a float; each text may carry escapes of lone surrogates and NUL."""
    data = dumps(draw(bodies)).decode()
    wrap = draw(st.sampled_from(["", "", "", "deep", "huge"]))
    if wrap == "deep":
        depth = draw(st.integers(min_value=1, max_value=5000))
        data = "[" * depth + data + "]" * depth
    elif wrap == "huge":
        number = draw(st.sampled_from(["1e400", "-1e999", "1" * 5000, "1" * 4000]))
        data = f"[{number}, {data}]"
    return data.encode()


HOSTILE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _assert_answered_cleanly(response, cases_before):
    assert response.status_code < 500, response.content[:500]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    response.json()
    expected = cases_before + (1 if response.status_code == 201 else 0)
    assert Case.objects.count() == expected


@HOSTILE
@given(body=raw_bodies())
def test_classify_answers_arbitrary_json_without_a_server_error(api, catalogue, body):
    before = Case.objects.count()
    _assert_answered_cleanly(post_raw(api, CLASSIFY_URL, body), before)


@HOSTILE
@given(body=raw_bodies())
def test_applying_answers_arbitrary_json_without_a_server_error(
    api, catalogue, business_user, body
):
    api.force_authenticate(business_user)
    before = Case.objects.count()
    _assert_answered_cleanly(post_raw(api, CASES_URL, body), before)


@HOSTILE
@given(fields=bodies)
def test_staff_applying_arbitrary_fields_get_no_server_error(api, catalogue, kes_user, fields):
    """Over a sound application, so that the checks behind the first ones are reached."""
    business = BusinessFactory.build()
    base = {**APPLICATION, "channel": "phone", "cvr": "12345607"}
    base |= {"business_name": business.name, "business_email": "cafe@example.invalid"}
    if isinstance(fields, dict):
        base |= fields
    api.force_authenticate(kes_user)
    before = Case.objects.count()
    _assert_answered_cleanly(post_raw(api, CASES_URL, dumps(base)), before)
