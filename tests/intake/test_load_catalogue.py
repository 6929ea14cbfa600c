import copy

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from intake.catalogue import DEFAULT_CATALOGUE
from intake.models import FAQ, Question, QuestionChoice, RequiredDocument, Rule, Service
from intake.services import catalogue_load
from routing.services import organisation_load

DATA = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
MODELS = (Service, Question, QuestionChoice, Rule, FAQ, RequiredDocument)


def _snapshot():
    rows = [list(m.objects.order_by("pk").values()) for m in MODELS]
    rows.append(
        sorted(Service.departments.through.objects.values_list("service_id", "department_id"))
    )
    rows.append(
        sorted(Rule.add_departments.through.objects.values_list("rule_id", "department_id"))
    )
    return rows


def test_loads_every_service_with_its_parts_in_both_languages(db):
    catalogue_load(data=DATA)
    assert Service.objects.count() == len(DATA["services"])
    service = Service.objects.get(code="outdoor_serving")
    assert (service.target_days, service.target_unit, service.self_service) == (
        20,
        "business",
        True,
    )
    assert list(service.departments.values_list("code", flat=True)) == ["city_use"]
    assert [q.code for q in service.questions.all()] == [
        "area_m2",
        "location_type",
        "serves_alcohol",
        "location",
        "period",
    ]
    assert service.topic == "food"
    assert service.questions.get(code="period").type == "period"
    assert [c.code for c in service.questions.get(code="location_type").choices.all()] == [
        "pavement",
        "square",
        "park",
    ]
    with translation.override("en"):
        assert service.name == "Outdoor serving outside a café or restaurant"
        assert "outdoor seating" in service.keyword_list
    with translation.override("da"):
        assert service.name == "Udeservering foran café eller restaurant"
        assert "udeservering" in service.keyword_list
    rule = Rule.objects.get(service__code="road_occupation", position=1)
    assert (rule.question.code, rule.operator, rule.value, rule.raise_complexity) == (
        "blocks_traffic",
        "equals",
        True,
        "complex",
    )
    assert list(rule.add_departments.values_list("code", flat=True)) == ["traffic"]


def test_loading_twice_writes_nothing(db):
    catalogue_load(data=DATA)
    before = _snapshot()
    with CaptureQueriesContext(connection) as queries:
        report = catalogue_load(data=DATA)
    assert not report.changed
    assert _snapshot() == before
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_load_takes_the_same_queries_for_a_small_and_the_full_catalogue(db):
    # Three services that between them have every kind of part (so no step is skipped).
    codes = {"outdoor_serving", "road_occupation", "business_start_guide"}
    small = {**DATA, "services": [s for s in DATA["services"] if s["code"] in codes]}
    organisation_load(data=DATA)
    with CaptureQueriesContext(connection) as first:
        catalogue_load(data=small)
    Service.objects.all().delete()
    with CaptureQueriesContext(connection) as full:
        catalogue_load(data=DATA)
    assert len(full) == len(first)


def test_changes_are_applied_and_removed_parts_go(db):
    catalogue_load(data=DATA)
    changed = copy.deepcopy(DATA)
    outdoor = next(s for s in changed["services"] if s["code"] == "outdoor_serving")
    outdoor["target"]["days"] = 15
    # serves_alcohol, and with it the rule that reads it
    outdoor["questions"] = [q for q in outdoor["questions"] if q["code"] != "serves_alcohol"]
    outdoor["rules"] = outdoor["rules"][:3]
    outdoor["departments"] = ["city_use", "parks"]
    catalogue_load(data=changed)
    service = Service.objects.get(code="outdoor_serving")
    assert service.target_days == 15
    assert not service.questions.filter(code="serves_alcohol").exists()
    assert service.rules.count() == 3
    assert set(service.departments.values_list("code", flat=True)) == {"city_use", "parks"}


def test_service_left_out_is_deactivated_not_deleted(db):
    catalogue_load(data=DATA)
    catalogue_load(data={**DATA, "services": DATA["services"][1:]})
    first = Service.objects.get(code=DATA["services"][0]["code"])
    assert first.is_active is False


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda s: s.update(kind="petition"), "not one of"),
        (lambda s: s.update(departments=["nowhere"]), "unknown department"),
        (
            lambda s: s["rules"].append(
                {
                    "when": {"question": "nope", "equals": 1},
                    "then": {},
                    "reason": {"da": "x", "en": "x"},
                }
            ),
            "one known question",
        ),
        (lambda s: s["name"].pop("en"), "both 'da' and 'en'"),
        (lambda s: s["questions"][0].update(type="colour"), "not one of"),
        # A condition the classifier could not evaluate (the message is translated).
        (lambda s: s["rules"][0]["when"].update(gte="fifty"), "outdoor_serving.rule1: "),
        (
            lambda s: s["rules"][1].update(when={"question": "location_type", "in": "square"}),
            "outdoor_serving.rule2: ",
        ),
    ],
)
def test_bad_service_gives_a_clear_error_and_stores_nothing(db, tmp_path, mutate, message):
    data = copy.deepcopy(DATA)
    mutate(next(s for s in data["services"] if s["code"] == "outdoor_serving"))
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("load_catalogue", str(path), verbosity=0)
    assert not Service.objects.exists()


def test_command_loads_the_shipped_catalogue(db):
    call_command("load_catalogue", verbosity=0)
    assert Service.objects.filter(is_active=True).count() == len(DATA["services"])


def test_complaint_route_loads_in_both_languages_and_may_be_absent(db):
    catalogue_load(data=DATA)
    permit = Service.objects.get(code="outdoor_serving")
    assert "Vejdirektoratet" in permit.complaint_da
    assert "Road Directorate" in permit.complaint_en
    assert Service.objects.get(code="business_start_guide").complaint_da == ""
