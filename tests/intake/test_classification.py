"""Table tests of the pure classification (DESIGN.md §3); no database."""

from pathlib import Path

import pytest
import yaml
from django.utils import translation

from intake.classification import (
    CHANNELS,
    COMPLEXITIES,
    TRACKS,
    Classification,
    ClassificationRequest,
    Reason,
    Rule,
    ServiceSpec,
    classify,
    specs_from_catalogue,
)

HERE = Path(__file__).resolve().parent
CATALOGUE = HERE.parents[1] / "intake" / "fixtures" / "catalogue.yaml"
SCENARIOS = yaml.safe_load((HERE / "data" / "scenarios.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def specs():
    return specs_from_catalogue(yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")))


def rule(question="q", op="gte", value=50, *, complexity=None, departments=(), authorities=()):
    return Rule(
        code=f"svc.{question}.{op}",
        question=question,
        op=op,
        value=value,
        raise_complexity=complexity,
        add_departments=tuple(departments),
        add_authorities=tuple(authorities),
        reason={"da": f"Dansk grund for {question}", "en": f"English reason for {question}"},
    )


def service(code="svc", departments=("city_use",), complexity="simple", *, immediate=False,
            authorities=(), rules=()):  # fmt: skip
    return ServiceSpec(
        code=code,
        departments=tuple(departments),
        complexity=complexity,
        immediate=immediate,
        authorities=tuple(authorities),
        rules=tuple(rules),
    )


def request(*services, channel="digital", answers=None, star=False, help=False):
    return ClassificationRequest(
        channel=channel,
        services=services,
        answers=answers or {},
        star_meeting_requested=star,
        help_requested=help,
    )


IMMEDIATE = service("question", departments=(), immediate=True)
SIMPLE = service("simple")
COMPLEX = service("complex", complexity="complex")
JOINT = service("joint", departments=("properties",), complexity="joint")
FOUR_DEPARTMENTS = service("wide", departments=("city_use", "traffic", "environment", "parks"))


def test_constants_name_the_design_values():
    assert TRACKS == ("immediate", "self_service", "assisted", "pilot", "star_meeting")
    assert COMPLEXITIES == ("simple", "complex", "joint")
    assert CHANNELS == ("digital", "phone", "counter")


@pytest.mark.parametrize(
    ("req", "track", "reason"),
    [
        (request(IMMEDIATE), "immediate", "track_immediate"),
        (request(IMMEDIATE, service("q2", immediate=True)), "immediate", "track_immediate"),
        (request(JOINT), "star_meeting", "track_star_meeting_joint"),
        (request(SIMPLE, star=True), "star_meeting", "track_star_meeting_requested"),
        (request(COMPLEX), "pilot", "track_pilot_complex"),
        (request(FOUR_DEPARTMENTS), "pilot", "track_pilot_departments"),
        (request(SIMPLE, channel="phone"), "assisted", "track_assisted_channel"),
        (request(SIMPLE, channel="counter"), "assisted", "track_assisted_channel"),
        (request(SIMPLE, help=True), "assisted", "track_assisted_help"),
        (request(SIMPLE), "self_service", "track_self_service"),
        # One immediate question next to a permit: not every service is immediate.
        (request(IMMEDIATE, SIMPLE), "self_service", "track_self_service"),
    ],
)
def test_each_track_rule(req, track, reason):
    result = classify(req)
    assert result.track == track
    assert result.reasons[-1].code == reason


@pytest.mark.parametrize(
    ("req", "track", "reason"),
    [
        # Rule 1 is checked first: only immediate services stay immediate even when a star
        # meeting or help is requested, or the business came to the counter.
        (request(IMMEDIATE, star=True), "immediate", "track_immediate"),
        (request(IMMEDIATE, channel="counter", help=True), "immediate", "track_immediate"),
        (request(JOINT, star=True), "star_meeting", "track_star_meeting_joint"),
        (request(JOINT, channel="phone"), "star_meeting", "track_star_meeting_joint"),
        (request(COMPLEX, star=True), "star_meeting", "track_star_meeting_requested"),
        (request(FOUR_DEPARTMENTS, star=True), "star_meeting", "track_star_meeting_requested"),
        (request(COMPLEX, channel="counter"), "pilot", "track_pilot_complex"),
        (request(FOUR_DEPARTMENTS, channel="phone"), "pilot", "track_pilot_departments"),
        (request(FOUR_DEPARTMENTS, help=True), "pilot", "track_pilot_departments"),
        (request(SIMPLE, channel="phone", help=True), "assisted", "track_assisted_channel"),
    ],
)
def test_first_matching_track_rule_wins(req, track, reason):
    result = classify(req)
    assert result.track == track
    assert [r.code for r in result.reasons] == [reason]


@pytest.mark.parametrize(
    ("departments", "threshold", "track"),
    [
        (("city_use", "traffic", "environment"), 4, "self_service"),
        (("city_use", "traffic", "environment", "parks"), 4, "pilot"),
        # KES itself is not counted.
        (("kes", "city_use", "traffic", "environment"), 4, "self_service"),
        (("kes", "city_use", "traffic", "environment", "parks"), 4, "pilot"),
        (("city_use", "traffic"), 3, "self_service"),
        (("city_use", "traffic", "environment"), 3, "pilot"),
        (("city_use", "traffic", "environment", "parks"), 5, "self_service"),
        (("city_use", "traffic", "environment", "parks", "building"), 5, "pilot"),
    ],
)
def test_pilot_department_threshold(departments, threshold, track):
    req = request(service(departments=departments))
    assert classify(req, pilot_department_threshold=threshold).track == track


def test_departments_added_by_rules_count_towards_the_threshold():
    spec = service(
        departments=("city_use", "traffic", "environment"),
        rules=[rule("park", "equals", True, departments=["parks", "city_use"])],
    )
    assert classify(request(spec, answers={"svc": {"park": False}})).track == "self_service"
    result = classify(request(spec, answers={"svc": {"park": True}}))
    assert result.track == "pilot"
    assert result.departments == ("city_use", "environment", "parks", "traffic")


def test_kes_department_is_a_setting():
    req = request(service(departments=("kes", "city_use", "traffic", "environment")))
    assert classify(req).track == "self_service"
    assert classify(req, kes_department="another_entrance").track == "pilot"
    assert classify(req, kes_department="city_use").track == "self_service"


@pytest.mark.parametrize(
    ("op", "value", "answer", "fires"),
    [
        ("gte", 50, 49, False),
        ("gte", 50, 50, True),
        ("gte", 50, 51, True),
        ("gte", 50, 49.9, False),
        ("gte", 50, "50", True),
        ("gte", 50, " 51 ", True),
        ("gte", 50, "49", False),
        ("gte", 50, "fifty", False),
        ("gte", 1, True, False),  # a yes/no answer is not a number
        ("gte", 50, [60], False),
        ("lte", 10, 9, True),
        ("lte", 10, 10, True),
        ("lte", 10, 11, False),
        ("lte", 10, "10", True),
        ("lte", 10, "nan", False),
        ("equals", True, True, True),
        ("equals", True, False, False),
        ("equals", True, "true", True),
        ("equals", True, "False", False),
        ("equals", False, "false", True),
        ("equals", True, 1, False),
        ("equals", True, "yes", False),
        ("equals", "square", "square", True),
        ("equals", "square", "street", False),
        ("equals", "square", "Square", False),
        ("equals", "true", True, False),  # only a boolean rule value reads "true" as True
        ("equals", 1, True, False),
        ("in", ("roof", "freestanding"), "roof", True),
        ("in", ("roof", "freestanding"), "freestanding", True),
        ("in", ("roof", "freestanding"), "facade", False),
        ("in", ("roof", "freestanding"), "roo", False),
    ],
)
def test_operator_at_its_boundary(op, value, answer, fires):
    spec = service(rules=[rule("q", op, value, complexity="complex")])
    result = classify(request(spec, answers={"svc": {"q": answer}}))
    assert (result.complexity == "complex") is fires
    assert ("svc.q." + op in [r.code for r in result.reasons]) is fires


@pytest.mark.parametrize(
    ("op", "value"),
    [("gte", 0), ("lte", 10**9), ("equals", ""), ("equals", False), ("in", ("", None))],
)
@pytest.mark.parametrize("answers", [{}, {"svc": {}}, {"svc": {"q": None}}, {"svc": {"q": ""}}])
def test_missing_answer_never_fires(op, value, answers):
    spec = service(rules=[rule("q", op, value, complexity="joint", authorities=["police"])])
    result = classify(request(spec, answers=answers))
    assert (result.complexity, result.authorities) == ("simple", ())
    assert [r.code for r in result.reasons] == ["track_self_service"]


def test_rule_reads_only_its_own_service():
    outdoor = service("outdoor", rules=[rule("area_m2", "gte", 50, complexity="complex")])
    sign = service("sign")
    answers = {"sign": {"area_m2": 500}, "outdoor": {"area_m2": 10}}
    assert classify(request(outdoor, sign, answers=answers)).complexity == "simple"
    answers = {"sign": {"area_m2": 10}, "outdoor": {"area_m2": 500}}
    assert classify(request(outdoor, sign, answers=answers)).complexity == "complex"


@pytest.mark.parametrize(
    ("services", "answer", "complexity"),
    [
        ((SIMPLE,), 0, "simple"),
        ((SIMPLE, COMPLEX), 0, "complex"),
        ((COMPLEX, JOINT, SIMPLE), 0, "joint"),
        ((service("r", rules=[rule(complexity="complex")]),), 60, "complex"),
        ((service("r", rules=[rule(complexity="joint")]), COMPLEX), 60, "joint"),
        # Rules only raise: a fired rule naming a lower complexity leaves it where it is.
        ((service("r", complexity="complex", rules=[rule(complexity="simple")]),), 60, "complex"),
        ((service("r", complexity="joint", rules=[rule(complexity="complex")]),), 60, "joint"),
        ((service("r", rules=[rule(complexity="complex")]), JOINT), 60, "joint"),
    ],
)
def test_complexity_is_the_highest_and_rules_never_lower_it(services, answer, complexity):
    result = classify(request(*services, answers={"r": {"q": answer}}))
    assert result.complexity == complexity


def test_departments_and_authorities_are_sorted_unions():
    first = service(
        "a",
        departments=("traffic", "city_use"),
        authorities=("police",),
        rules=[rule(authorities=["food_authority", "police"], departments=["building"])],
    )
    second = service("b", departments=("city_use", "environment"), authorities=("capital_region",))
    result = classify(request(first, second, answers={"a": {"q": 50}}))
    assert result.departments == ("building", "city_use", "environment", "traffic")
    assert result.authorities == ("capital_region", "food_authority", "police")


def test_fired_rules_are_reasons_in_catalogue_order_before_the_track():
    spec = service(rules=[rule("b", "equals", True), rule("a", "gte", 1), rule("c", "lte", 0)])
    result = classify(request(spec, answers={"svc": {"a": 5, "b": True, "c": 3}}))
    assert [r.code for r in result.reasons] == ["svc.b.equals", "svc.a.gte", "track_self_service"]


def test_a_service_asked_for_twice_counts_once():
    spec = service(rules=[rule(authorities=["police"])])
    result = classify(request(spec, spec, answers={"svc": {"q": 50}}))
    assert [r.code for r in result.reasons] == ["svc.q.gte", "track_self_service"]


@pytest.mark.parametrize(
    "req",
    [request(), request(SIMPLE, channel="email"), request(SIMPLE, channel="")],
    ids=["no-services", "unknown-channel", "empty-channel"],
)
def test_invalid_request_raises(req):
    with pytest.raises(ValueError):
        classify(req)


@pytest.mark.parametrize(
    "scenario", SCENARIOS, ids=[scenario["id"] for scenario in SCENARIOS]
)  # fmt: skip
def test_reference_scenario(scenario, specs):
    req = ClassificationRequest(
        channel=scenario["channel"],
        services=tuple(specs[code] for code in scenario["services"]),
        answers=scenario.get("answers") or {},
        star_meeting_requested=scenario.get("star_meeting_requested", False),
        help_requested=scenario.get("help_requested", False),
    )
    result = classify(req)
    expected = scenario["expected"]
    assert isinstance(result, Classification)
    assert result.track == expected["track"]
    assert result.complexity == expected["complexity"]
    assert list(result.departments) == expected["departments"]
    assert list(result.authorities) == expected["authorities"]
    assert result.reasons[-1].code.startswith(f"track_{expected['track']}")
    for reason in result.reasons:
        assert reason.text("da") and reason.text("en")
        assert reason.text("da") != reason.text("en")


def test_scenario_rule_reasons_name_the_catalogue_rule(specs):
    req = request(
        specs["event_public_space"],
        answers={"event_public_space": {"expected_attendance": 5000, "location_type": "park"}},
    )
    codes = [r.code for r in classify(req).reasons]
    assert codes == ["event_public_space.rule1", "event_public_space.rule4", "track_pilot_complex"]


@pytest.mark.parametrize(
    ("language", "text"),
    [("da", "Dansk"), ("en", "English"), ("en-gb", "English"), ("de", "Dansk")],
)
def test_reason_text_follows_the_active_language(language, text):
    reason = Reason(code="x", texts={"da": "Dansk", "en": "English"})
    with translation.override(language):
        assert reason.text() == text
        assert str(reason) == text
    assert reason.text("en") == "English"
    assert reason.text("da") == "Dansk"


def test_track_reasons_have_both_languages():
    reason = classify(request(FOUR_DEPARTMENTS)).reasons[-1]
    assert "4" in reason.text("da") and "4" in reason.text("en")
    with translation.override("en"):
        assert str(classify(request(IMMEDIATE)).reasons[-1]) == (
            "Every service can be settled by KES at once."
        )
    with translation.override("da"):
        assert str(classify(request(IMMEDIATE)).reasons[-1]) == (
            "Alle ydelser kan afklares af KES med det samme."
        )


def test_specs_from_catalogue_reads_every_service(specs):
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    assert set(specs) == {entry["code"] for entry in data["services"]}
    event = specs["event_public_space"]
    assert event.departments == ("city_use", "traffic", "environment")
    assert event.authorities == ("police",)
    assert (event.complexity, event.immediate) == ("simple", False)
    first = event.rules[0]
    assert (first.code, first.question, first.op, first.value) == (
        "event_public_space.rule1",
        "expected_attendance",
        "gte",
        1000,
    )
    assert first.raise_complexity == "complex"
    assert first.add_departments == ("cleaning",)
    assert first.add_authorities == ("capital_region", "working_environment")
    assert set(first.reason) == {"da", "en"}
    assert specs["facade_sign"].rules[0].value == ("roof", "freestanding")
    assert specs["sign_rules"].immediate and specs["sign_rules"].rules == ()


@pytest.mark.parametrize(
    "when",
    [
        {"question": "q"},
        {"question": "q", "gte": 1, "lte": 2},
        {"question": "q", "gte": "many"},
        {"question": "q", "in": "roof"},
        {"question": "q", "contains": "x"},
    ],
)
def test_specs_from_catalogue_rejects_a_malformed_rule(when):
    data = {
        "services": [
            {
                "code": "svc",
                "departments": [],
                "complexity": "simple",
                "immediate": False,
                "rules": [{"when": when, "then": {}, "reason": {"da": "d", "en": "e"}}],
            }
        ]
    }
    with pytest.raises(ValueError):
        specs_from_catalogue(data)
