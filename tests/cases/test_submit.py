import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseReason,
    CaseService,
    ImmediateAnswer,
    Letter,
)
from cases.services import case_reference_next
from intake.services import case_track_preview
from tests.cases.helpers import A_SIGN, CONCERT, OUTDOOR, PARKING, PLOT, submit_case


def submit(business, user, **overrides):
    """``submit_case`` with this module's description; ``overrides`` may change anything."""
    return submit_case(business, user, **{"description": "Udeservering foran caféen", **overrides})


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def assert_nothing_stored(media_root):
    assert Case.objects.count() == 0
    for model in (CaseService, CaseReason, CaseEvent, CaseDocument, Letter, ImmediateAnswer):
        assert model.objects.count() == 0
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


@pytest.mark.parametrize(
    ("channel", "services", "answers", "flags", "track", "departments"),
    [
        ("digital", ["sign_rules"], {}, {}, "immediate", []),
        ("digital", ["outdoor_serving"], OUTDOOR, {}, "self_service", ["city_use"]),
        ("phone", ["outdoor_serving"], OUTDOOR, {}, "assisted", ["city_use"]),
        (
            "digital",
            ["outdoor_serving"],
            OUTDOOR,
            {"help_requested": True},
            "assisted",
            ["city_use"],
        ),
        (
            "digital",
            ["event_public_space"],
            CONCERT,
            {},
            "pilot",
            ["city_use", "cleaning", "environment", "traffic"],
        ),
        (
            "counter",
            ["buy_municipal_plot"],
            PLOT,
            {},
            "star_meeting",
            ["building", "environment", "properties", "traffic"],
        ),
    ],
)
def test_submit_creates_a_received_case_on_each_track(
    catalogue,
    business,
    business_user,
    kes_user,
    channel,
    services,
    answers,
    flags,
    track,
    departments,
):
    user = business_user if channel == "digital" else kes_user
    case = submit(business, user, channel=channel, services=services, answers=answers, **flags)
    case.refresh_from_db()
    kes_first = track in ("immediate", "pilot", "star_meeting")
    status = "received" if kes_first else "in_progress"
    assert (case.track, case.status, case.channel) == (track, status, channel)
    assert sorted(case.departments.values_list("code", flat=True)) == departments
    assert case.submitted_by == user
    assert case.language == business.language
    assert case.reasons.last().code.startswith(f"track_{track}")
    routed = "kes_task_created" if kes_first else "routed"
    assert [e.kind for e in case.events.all()] == ["received", "classified", routed]
    # Routed at once: KES's task first, or one task per (service, department).
    tasks = sorted(case.tasks.values_list("kind", "department__code"))
    if kes_first:
        assert [department for _kind, department in tasks] == ["kes"]
    else:
        assert tasks == [("decision", code) for code in departments]
    assert case.events.get(kind="received").actor == user
    assert case.events.get(kind="classified").data["track"] == track
    assert case.letters.get().sent_at is None  # the receipt's outbox row
    if channel == "digital":
        assert case.assisted_by is None
    else:
        assert case.assisted_by == kes_user


def test_services_keep_typed_answers_departments_and_target(catalogue, business, business_user):
    case = submit(business, business_user)
    row = case.services.get()
    assert row.service.code == "outdoor_serving"
    assert row.answers == {"area_m2": 20, "location_type": "pavement", "serves_alcohol": False}
    assert list(row.departments.values_list("code", flat=True)) == ["city_use"]
    assert (row.target_days, row.target_unit) == (20, "business")


def test_rule_fired_reasons_are_kept_in_both_languages(catalogue, business, business_user):
    case = submit(business, business_user, services=["event_public_space"], answers=CONCERT)
    codes = list(case.reasons.values_list("code", flat=True))
    assert codes[-1] == "track_pilot_complex"
    assert any(code.startswith("event_public_space.rule") for code in codes[:-1])
    reason = case.reasons.last()
    with translation.override("en"):
        assert reason.text == "The case is complex, so the business is offered a business pilot."
    with translation.override("da"):
        assert reason.text.startswith("Sagen er kompleks")
    assert sorted(case.authorities.values_list("code", flat=True)) == [
        "capital_region",
        "police",
        "working_environment",
    ]


def test_reference_has_the_year_and_six_digits_and_increases(catalogue, business, business_user):
    first = submit(business, business_user)
    second = submit(business, business_user)
    year = timezone.localdate().year
    assert re.fullmatch(rf"KES-{year}-\d{{6}}", first.reference)
    assert first.reference == f"KES-{year}-000001"
    assert second.reference == f"KES-{year}-000002"
    assert case_reference_next(year) == f"KES-{year}-000003"
    assert case_reference_next(1999) == "KES-1999-000001"


def test_staff_keep_a_received_date_in_the_past(catalogue, business, kes_user):
    received = timezone.now() - timedelta(days=3)
    case = submit(business, kes_user, channel="counter", received_at=received)
    assert case.received_at == received
    assert case.assisted_by == kes_user


def test_staff_record_what_they_showed_and_who_assisted(catalogue, business, kes_user):
    case = submit(business, kes_user, channel="phone", shown_topics=["apply_online", "my_cases"])
    assert case.shown_topics == ["apply_online", "my_cases"]
    assert case.track == "assisted"


def test_quick_answer_at_the_counter_closes_the_case(catalogue, business, kes_user):
    case = submit(
        business,
        kes_user,
        channel="counter",
        services=["sign_rules"],
        answers={},
        description="Må vi have et skilt på facaden?",
        immediate_answer={"topic": "Facadeskilte", "text": "Ja, når det følger skiltereglerne."},
    )
    case.refresh_from_db()
    assert (case.track, case.status) == ("immediate", "closed")
    assert case.closed_at is not None
    answer = case.immediate_answer
    assert (answer.topic, answer.answered_by, answer.services) == (
        "Facadeskilte",
        kes_user,
        ["sign_rules"],
    )
    assert [e.kind for e in case.events.all()] == ["received", "classified", "answered_immediately"]


def test_a_digital_immediate_question_waits_for_kes(catalogue, business, business_user):
    case = submit(business, business_user, services=["sign_rules"], answers={})
    assert (case.track, case.status, case.closed_at) == ("immediate", "received", None)
    assert not ImmediateAnswer.objects.exists()


def test_preview_classifies_without_writing(catalogue):
    result = case_track_preview(channel="digital", services=["event_public_space"], answers=CONCERT)
    assert (result.track, result.complexity) == ("pilot", "complex")
    assert not Case.objects.exists()
    with pytest.raises(ValidationError) as excinfo:
        case_track_preview(channel="digital", services=["nope"], answers={})
    assert "services" in errors_of(excinfo)


FIVE = {
    **CONCERT,
    **OUTDOOR,
    **A_SIGN,
    **PARKING,
    "construction_noise_notice": {
        "start_date": "2027-01-04",
        "outside_normal_hours": False,
        "particularly_noisy": False,
    },
}


def test_submitting_five_services_takes_as_many_queries_as_one(catalogue, business, business_user):
    submit(business, business_user)  # the year's reference counter exists from here on

    def queries_for(services):
        user = type(business_user).objects.get(pk=business_user.pk)  # no cached roles
        answers = {code: FIVE[code] for code in services}
        with CaptureQueriesContext(connection) as captured:
            submit(business, user, services=services, answers=answers)
        return len(captured)

    one = queries_for(["event_public_space"])
    five = queries_for(list(FIVE))
    assert one == five, (one, five)
