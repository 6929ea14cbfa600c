"""Intake over the REST API: the catalogue and the track preview (DESIGN.md §6).

Applying (POST /api/v1/cases/) is in test_api_apply.py.
"""

from pathlib import Path

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from cases.models import Case
from intake.catalogue import DEFAULT_CATALOGUE
from intake.models import Service
from intake.services import catalogue_load

DATA = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
SCENARIOS = yaml.safe_load(
    (Path(__file__).resolve().parent / "data" / "scenarios.yaml").read_text(encoding="utf-8")
)
SERVICES_URL = "/api/v1/services/"
CLASSIFY_URL = "/api/v1/intake/classify/"
CASES_URL = "/api/v1/cases/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
OUTDOOR = {"area_m2": 20, "location_type": "pavement", "serves_alcohol": False}
REQUEST = {
    "channel": "digital",
    "services": ["outdoor_serving"],
    "answers": {"outdoor_serving": OUTDOOR},
}
APPLICATION = {**REQUEST, "description": "Seks borde foran caféen."}


def load(*codes):
    services = [s for s in DATA["services"] if not codes or s["code"] in codes]
    catalogue_load(data={**DATA, "services": services})


@pytest.fixture
def catalogue(db):
    load()


@pytest.fixture
def api():
    return APIClient()


def _by_code(body):
    return {entry["code"]: entry for entry in body}


# GET /api/v1/services/


def test_services_list_has_every_contract_field(api, catalogue):
    response = api.get(SERVICES_URL, **EN)
    assert response.status_code == 200
    outdoor = _by_code(response.json())["outdoor_serving"]
    assert outdoor == {
        "code": "outdoor_serving",
        "kind": "permit",
        "name": "Outdoor serving outside a café or restaurant",
        "summary": outdoor["summary"],
        "departments": ["city_use"],
        "self_service": True,
        "complexity": "simple",
        "immediate": False,
        "target": {"days": 20, "unit": "business"},
        "complaint": outdoor["complaint"],
        "required_documents": [
            {
                "code": "site_plan",
                "name": "Scaled drawing of the serving area with tables, parasols and planters",
            },
            {"code": "frontage_photo", "name": "Photo of the frontage and pavement"},
        ],
        "questions": [
            {
                "code": "area_m2",
                "type": "integer",
                "label": "How many m² do you want to use?",
                "required": True,
                "choices": None,
            },
            {
                "code": "location_type",
                "type": "choice",
                "label": "Where will the outdoor serving be?",
                "required": True,
                "choices": [
                    {"code": "pavement", "label": "On the pavement"},
                    {"code": "square", "label": "On a square"},
                    {"code": "park", "label": "In or next to a park"},
                ],
            },
            {
                "code": "serves_alcohol",
                "type": "boolean",
                "label": "Will you serve alcohol outdoors?",
                "required": True,
                "choices": None,
            },
            {
                "code": "location",
                "type": "location",
                "label": "Address of the café or restaurant",
                "required": False,
                "choices": None,
            },
            {
                "code": "period",
                "type": "period",
                "label": "For which period do you want to serve outdoors?",
                "required": False,
                "choices": None,
            },
        ],
        "external_authorities": [],
    }
    assert outdoor["summary"].startswith("Apply to place tables")
    assert outdoor["complaint"].startswith("You can complain about the legal aspects")


def test_services_list_without_a_target_and_with_authorities(api, catalogue):
    cafe = _by_code(api.get(SERVICES_URL).json())["cafe_permits_guide"]
    assert cafe["target"] is None
    assert cafe["immediate"] is True
    assert cafe["kind"] == "question"
    assert sorted(cafe["external_authorities"]) == ["business_authority", "food_authority"]


def test_services_list_is_danish_by_default_and_english_on_request(api, catalogue):
    danish = _by_code(api.get(SERVICES_URL).json())["outdoor_serving"]
    english = _by_code(api.get(SERVICES_URL, **EN).json())["outdoor_serving"]
    assert danish["name"] == "Udeservering foran café eller restaurant"
    assert danish["questions"][1]["choices"][0]["label"] == "På fortovet"
    assert danish["required_documents"][1]["name"] == "Foto af facaden og fortovet"
    assert english["name"] == "Outdoor serving outside a café or restaurant"
    assert english["questions"][1]["choices"][0]["label"] == "On the pavement"


def test_services_list_has_the_complaint_route_in_the_request_language(api, catalogue):
    service = Service.objects.get(code="outdoor_serving")
    danish = _by_code(api.get(SERVICES_URL).json())["outdoor_serving"]
    english = _by_code(api.get(SERVICES_URL, **EN).json())["outdoor_serving"]
    assert danish["complaint"] == service.complaint_da
    assert danish["complaint"].startswith("Du kan klage over retlige spørgsmål")
    assert english["complaint"] == service.complaint_en
    assert english["complaint"].startswith("You can complain about the legal aspects")


def test_services_list_complaint_of_a_service_without_one_is_empty(api, catalogue):
    # The key is always there, so a client reads "no route given" the same way for every service.
    Service.objects.filter(code="outdoor_serving").update(complaint_da="", complaint_en="")
    entry = _by_code(api.get(SERVICES_URL, **EN).json())["outdoor_serving"]
    assert entry["complaint"] == ""


def test_services_list_holds_only_active_services_and_is_anonymous(api, catalogue):
    Service.objects.filter(code="a_sign").update(is_active=False)
    body = api.get(SERVICES_URL).json()
    codes = {entry["code"] for entry in body}
    assert "a_sign" not in codes
    assert len(body) == Service.objects.filter(is_active=True).count() == len(DATA["services"]) - 1


def test_services_list_takes_constant_queries(api, db):
    load("outdoor_serving", "a_sign", "sign_rules")
    with CaptureQueriesContext(connection) as few:
        body = api.get(SERVICES_URL).json()
        assert len(body) == 3
    load()
    with CaptureQueriesContext(connection) as all_of_them:
        body_all = api.get(SERVICES_URL).json()
        assert len(body_all) == len(DATA["services"])
    assert len(few) == len(all_of_them)
    # The complaint route is a column of the service row: it costs no query of its own.
    complaints = {entry["code"]: entry["complaint"] for entry in body}
    assert complaints["outdoor_serving"] and complaints["a_sign"]
    assert complaints["sign_rules"] == ""  # a question card has no decision to complain about
    assert sum(bool(entry["complaint"]) for entry in body_all) > 2


# POST /api/v1/intake/classify/


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_classify_scenarios(api, catalogue, scenario):
    body = {
        "channel": scenario["channel"],
        "services": scenario["services"],
        "answers": scenario.get("answers") or {},
        "star_meeting_requested": scenario.get("star_meeting_requested", False),
        "help_requested": scenario.get("help_requested", False),
    }
    response = api.post(CLASSIFY_URL, body)
    assert response.status_code == 200, response.json()
    result = response.json()
    assert set(result) == {"track", "complexity", "departments", "authorities", "reasons"}
    expected = scenario["expected"]
    assert result["track"] == expected["track"]
    assert result["complexity"] == expected["complexity"]
    assert result["departments"] == expected["departments"]
    assert result["authorities"] == expected["authorities"]
    assert result["reasons"][-1]["code"].startswith("track_")
    assert all(set(reason) == {"code", "text"} and reason["text"] for reason in result["reasons"])


def test_classify_reasons_follow_the_request_language(api, catalogue):
    body = {**REQUEST, "answers": {"outdoor_serving": {**OUTDOOR, "location_type": "park"}}}
    danish = api.post(CLASSIFY_URL, body).json()["reasons"]
    english = api.post(CLASSIFY_URL, body, **EN).json()["reasons"]
    assert [r["code"] for r in danish] == ["outdoor_serving.rule3", "track_self_service"]
    assert danish[0]["text"] == "Arealer i parker administreres af Center for Park og Natur."
    assert english[0]["text"] == "Park areas are managed by the Centre for Parks and Nature."
    assert english[1]["text"] == "The business can apply digitally on its own."


def test_classify_writes_nothing(api, catalogue):
    with CaptureQueriesContext(connection) as queries:
        assert api.post(CLASSIFY_URL, REQUEST).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"channel": "fax"}, "channel"),
        ({"services": ["no_such_service"]}, "services"),
        ({"services": []}, "services"),
        ({"services": "outdoor_serving"}, "services"),
        ({"answers": {"outdoor_serving": {**OUTDOOR, "area_m2": "many"}}}, "answers"),
        ({"answers": {"outdoor_serving": {"area_m2": 20}}}, "answers"),
        ({"answers": {"outdoor_serving": {**OUTDOOR, "colour": "red"}}}, "answers"),
        ({"answers": {**REQUEST["answers"], "a_sign": {"number_of_signs": 1}}}, "answers"),
        ({"answers": {"outdoor_serving": "twenty"}}, "answers"),
        ({"star_meeting_requested": "perhaps"}, "star_meeting_requested"),
    ],
)
def test_classify_refuses_bad_input_by_field(api, catalogue, change, field):
    response = api.post(CLASSIFY_URL, {**REQUEST, **change}, **EN)
    assert response.status_code == 400
    assert field in response.json()


def test_classify_error_messages_are_by_field_and_question(api, catalogue):
    body = {
        "channel": "digital",
        "services": ["outdoor_serving", "no_such_service"],
        "answers": {"outdoor_serving": {"location_type": "pavement", "serves_alcohol": False}},
    }
    response = api.post(CLASSIFY_URL, body, **EN)
    assert response.status_code == 400
    assert response.json() == {
        "services": ["Unknown service: no_such_service."],
        "answers": {"outdoor_serving": {"area_m2": ["This answer is required."]}},
    }


def test_classify_of_a_missing_body_names_the_required_fields(api, db):
    response = api.post(CLASSIFY_URL, {}, **EN)
    assert response.status_code == 400
    assert response.json() == {
        "channel": ["This field is required."],
        "services": ["This field is required."],
    }
