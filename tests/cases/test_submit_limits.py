"""The bounds of a submission (issue 9 §2): how far back a case may be received, how many
services one request may name, and text that cannot be stored. Each is a field message;
nothing is stored."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cases.models import Case
from cases.services.checks import check_text
from intake.answers import MAX_SERVICES_PER_REQUEST
from intake.services import case_track_preview
from routing.calendar import COPENHAGEN
from tests.cases.helpers import OUTDOOR, PLOT
from tests.cases.test_submit import assert_nothing_stored, errors_of, submit


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _received_error(business, kes_user, received_at):
    with pytest.raises(ValidationError) as excinfo:
        submit(business, kes_user, channel="phone", received_at=received_at)
    return errors_of(excinfo).get("received_at")


@pytest.mark.parametrize(
    "received_at",
    [
        datetime(1, 1, 2, 12, tzinfo=COPENHAGEN),
        datetime(1900, 1, 1),  # naive: taken as Copenhagen time
        date(1, 1, 1),
        "days=366",
    ],
    ids=["year 1", "1900, naive", "a date in year 1", "366 days back"],
)
def test_staff_cannot_register_a_case_received_more_than_a_year_back(
    catalogue, business, kes_user, settings, received_at
):
    if received_at == "days=366":
        received_at = timezone.now() - timedelta(days=366)
    assert _received_error(business, kes_user, received_at) == [
        "The received date can be at most 365 days back."
    ]
    assert_nothing_stored(settings.MEDIA_ROOT)


def test_staff_register_a_case_received_at_the_start_of_the_day_a_year_back(
    catalogue, business, kes_user
):
    today = timezone.localdate()
    start = datetime.combine(today - timedelta(days=365), datetime.min.time(), tzinfo=COPENHAGEN)
    case = submit(business, kes_user, channel="phone", received_at=start)
    assert case.received_at == start


def test_how_far_back_is_a_setting(catalogue, business, kes_user, settings):
    settings.KES_RECEIVED_MAX_DAYS_BACK = 10
    assert _received_error(business, kes_user, timezone.now() - timedelta(days=11)) == [
        "The received date can be at most 10 days back."
    ]
    case = submit(business, kes_user, channel="phone", received_at=timezone.now() - timedelta(9))
    assert Case.objects.get() == case


def test_too_many_services_are_refused_before_the_catalogue_is_read(catalogue):
    codes = [f"service_{n}" for n in range(40_000)]
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as excinfo:
        case_track_preview(channel="digital", services=codes, answers={})
    assert errors_of(excinfo) == {
        "services": [f"Choose at most {MAX_SERVICES_PER_REQUEST} services in one request."]
    }
    assert len(queries) == 0


@pytest.mark.parametrize(
    ("services", "message"),
    [
        (["outdoor_serving", "\udfff"], "A service code is not valid."),
        (["outdoor_serving\x00"], "A service code is not valid."),
        (["x" * 61], "A service code is not valid."),
        ([], "Choose at least one service."),
        ("no_such_service", "Unknown service: no_such_service."),
        (["outdoor_serving", "nope", "outdoor_serving", "nada"], "Unknown service: nope, nada."),
    ],
)
def test_service_codes_that_cannot_be_services_are_refused(catalogue, services, message):
    with pytest.raises(ValidationError) as excinfo:
        case_track_preview(channel="digital", services=services, answers=OUTDOOR)
    assert errors_of(excinfo)["services"] == [message]


BAD_ANSWER = "The text contains a character that is not allowed (U+{})."


@pytest.mark.parametrize(
    ("overrides", "key", "message"),
    [
        (
            {
                "services": ["buy_municipal_plot"],
                "answers": {
                    "buy_municipal_plot": {**PLOT["buy_municipal_plot"], "plot_reference": "\udfff"}
                },
            },
            "answers.buy_municipal_plot.plot_reference",
            BAD_ANSWER.format("DFFF"),
        ),
        (
            {
                "services": ["buy_municipal_plot"],
                "answers": {
                    "buy_municipal_plot": {**PLOT["buy_municipal_plot"], "plot_reference": "a\x00"}
                },
            },
            "answers.buy_municipal_plot.plot_reference",
            BAD_ANSWER.format("0000"),
        ),
        (
            {"answers": {"outdoor_serving": {**OUTDOOR["outdoor_serving"], "\udfff": "x"}}},
            "answers.outdoor_serving",
            "A code in the answers is not valid.",
        ),
        ({"description": "Udeservering\x00"}, "description", BAD_ANSWER.format("0000")),
        ({"description": "Udeservering \ud800"}, "description", BAD_ANSWER.format("D800")),
    ],
    ids=["surrogate answer", "NUL answer", "surrogate question", "NUL text", "surrogate text"],
)
def test_text_that_cannot_be_stored_is_refused(
    catalogue, business, business_user, settings, overrides, key, message
):
    with pytest.raises(ValidationError) as excinfo:
        submit(business, business_user, **overrides)
    assert errors_of(excinfo)[key] == [message]
    assert_nothing_stored(settings.MEDIA_ROOT)


def test_an_immediate_answer_that_cannot_be_stored_is_refused(
    catalogue, business, kes_user, settings
):
    with pytest.raises(ValidationError) as excinfo:
        submit(
            business,
            kes_user,
            channel="counter",
            services=["sign_rules"],
            answers={},
            immediate_answer={"topic": "Skilte\x00", "text": "Højst ét skilt."},
        )
    assert errors_of(excinfo)["immediate_answer"] == [BAD_ANSWER.format("0000")]
    assert_nothing_stored(settings.MEDIA_ROOT)


@pytest.mark.parametrize(
    ("value", "errors"),
    [
        ("  A message  ", {}),
        ("", {}),
        ("x" * 11, {"text": ["Write at most 10 characters."]}),
        ("NUL\x00", {"text": [BAD_ANSWER.format("0000")]}),
        ("\udfff", {"text": [BAD_ANSWER.format("DFFF")]}),
    ],
)
def test_check_text_refuses_text_that_cannot_be_stored(value, errors):
    found: dict = {}
    assert check_text(value, "text", found, limit=10) == value.strip()
    assert found == errors
