from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cases.models import Case
from tests.cases.helpers import OUTDOOR
from tests.cases.test_submit import assert_nothing_stored, errors_of, submit

BAD = [
    ("unknown service", {"services": ["no_such_service"]}, "services"),
    ("no services", {"services": []}, "services"),
    ("inactive channel", {"channel": "fax"}, "channel"),
    (
        "missing answer",
        {"answers": {"outdoor_serving": {"area_m2": 20, "location_type": "pavement"}}},
        "answers.outdoor_serving.serves_alcohol",
    ),
    (
        "wrong type",
        {"answers": {"outdoor_serving": {**OUTDOOR["outdoor_serving"], "area_m2": "many"}}},
        "answers.outdoor_serving.area_m2",
    ),
    (
        "unknown choice",
        {"answers": {"outdoor_serving": {**OUTDOOR["outdoor_serving"], "location_type": "roof"}}},
        "answers.outdoor_serving.location_type",
    ),
    (
        "unknown question",
        {"answers": {"outdoor_serving": {**OUTDOOR["outdoor_serving"], "colour": "red"}}},
        "answers.outdoor_serving.colour",
    ),
    (
        "answers to a service not asked",
        {"answers": {**OUTDOOR, "a_sign": {"number_of_signs": 1}}},
        "answers.a_sign",
    ),
    ("no description", {"description": "   "}, "description"),
    ("too long description", {"description": "x" * 5001}, "description"),
    (
        "received date from a business",
        {"received_at": timezone.now() - timedelta(days=1)},
        "received_at",
    ),
    ("phone from a business", {"channel": "phone"}, "channel"),
    ("topics from a business", {"shown_topics": ["guide"]}, "shown_topics"),
    (
        "quick answer from a business",
        {
            "services": ["sign_rules"],
            "answers": {},
            "immediate_answer": {"topic": "t", "text": "a"},
        },
        "immediate_answer",
    ),
    ("unknown document code", {"documents": [("no_such_document", None)]}, "documents"),
    ("document without a file", {"documents": [("site_plan", None)]}, "documents"),
]


@pytest.mark.parametrize(("label", "overrides", "key"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_from_a_business_stores_nothing(
    catalogue, business, business_user, settings, label, overrides, key
):
    with pytest.raises(ValidationError) as excinfo:
        submit(business, business_user, **overrides)
    assert key in errors_of(excinfo), errors_of(excinfo)
    assert_nothing_stored(settings.MEDIA_ROOT)


STAFF_BAD = [
    (
        "future received date",
        {"channel": "phone", "received_at": timezone.now() + timedelta(hours=1)},
        "received_at",
    ),
    (
        "quick answer on a non-immediate track",
        {"channel": "counter", "immediate_answer": {"topic": "t", "text": "a"}},
        "immediate_answer",
    ),
    (
        "quick answer on the digital channel",
        {
            "services": ["sign_rules"],
            "answers": {},
            "immediate_answer": {"topic": "t", "text": "a"},
        },
        "immediate_answer",
    ),
    (
        "quick answer without text",
        {
            "channel": "counter",
            "services": ["sign_rules"],
            "answers": {},
            "immediate_answer": {"topic": "t", "text": ""},
        },
        "immediate_answer",
    ),
    ("unknown shown topic", {"channel": "phone", "shown_topics": ["secret"]}, "shown_topics"),
]


@pytest.mark.parametrize(("label", "overrides", "key"), STAFF_BAD, ids=[b[0] for b in STAFF_BAD])
def test_bad_input_from_staff_stores_nothing(
    catalogue, business, kes_user, settings, label, overrides, key
):
    with pytest.raises(ValidationError) as excinfo:
        submit(business, kes_user, **overrides)
    assert key in errors_of(excinfo), errors_of(excinfo)
    assert_nothing_stored(settings.MEDIA_ROOT)


def test_a_business_cannot_apply_for_another_business(catalogue, business, other_business_user):
    with pytest.raises(ValidationError) as excinfo:
        submit(business, other_business_user)
    assert "business" in errors_of(excinfo)
    assert not Case.objects.exists()


def test_every_problem_is_reported_at_once(catalogue, business, business_user):
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        submit(
            business,
            business_user,
            channel="phone",
            description="",
            answers={"outdoor_serving": {"area_m2": "x"}},
        )
    errors = errors_of(excinfo)
    assert errors["channel"] == [
        "Only KES staff can register a request received by phone or at the counter."
    ]
    assert errors["description"] == ["Describe what the request is about."]
    assert errors["answers.outdoor_serving.area_m2"] == ["Enter a whole number."]
    assert errors["answers.outdoor_serving.location_type"] == ["This answer is required."]


def test_a_minute_of_clock_skew_is_not_the_future(catalogue, business, kes_user):
    case = submit(
        business, kes_user, channel="phone", received_at=timezone.now() + timedelta(seconds=30)
    )
    assert case.pk
