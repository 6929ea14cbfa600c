"""The assisted → self-service conversion rule (cases.stats.conversion) as a table, and the
database's count (cases.stats.tracks.assisted_conversion) agreeing with it row by row."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from cases.stats.conversion import (
    CAME_BACK_ASSISTED,
    CONVERTED,
    NOT_BACK,
    Application,
    conversion_outcome,
    is_assisted,
    is_self_service,
)
from cases.stats.tracks import assisted_conversion
from routing.calendar import COPENHAGEN
from tests.cases.stats_data import case, member, staff

ANCHOR = datetime(2026, 1, 10, 10, tzinfo=COPENHAGEN)
BEFORE = datetime(2026, 1, 9, 10, tzinfo=COPENHAGEN)
AFTER = datetime(2026, 2, 1, 10, tzinfo=COPENHAGEN)
JANUARY = {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)}
COUNTS = {CONVERTED: "converted", CAME_BACK_ASSISTED: "came_back_assisted", NOT_BACK: "not_back"}


def app(channel="digital", track="self_service", by_business_user=True, at=AFTER):
    return Application(
        received_at=at, channel=channel, track=track, by_business_user=by_business_user
    )


KINDS = [
    (app("phone", "assisted"), True, False),
    (app("counter", "assisted"), True, False),
    (app("digital", "assisted"), True, False),  # help requested online
    (app("phone", "pilot"), True, False),  # registered by staff, then a pilot
    (app("counter", "star_meeting"), True, False),
    (app("phone", "immediate"), False, False),  # a question answered at once
    (app("digital", "immediate"), False, False),
    (app("digital", "self_service"), False, True),
    (app("digital", "pilot"), False, True),  # complex, but applied for alone
    (app("digital", "star_meeting"), False, True),
    (app("digital", "self_service", by_business_user=False), False, False),
]
LATER = [
    ([], NOT_BACK),
    ([app()], CONVERTED),
    ([app(at=BEFORE)], NOT_BACK),  # before the anchor
    ([app(at=ANCHOR)], NOT_BACK),  # strictly after
    ([app("phone", "assisted")], CAME_BACK_ASSISTED),
    ([app("phone", "assisted"), app()], CONVERTED),  # self-service wins
    ([app("digital", "immediate")], NOT_BACK),
    ([app(by_business_user=False)], NOT_BACK),
    ([app("phone", "immediate"), app("digital", "assisted")], CAME_BACK_ASSISTED),
]


@pytest.mark.parametrize(("case", "assisted", "self_service"), KINDS)
def test_which_cases_are_assisted_and_which_self_service(case, assisted, self_service):
    assert (is_assisted(case), is_self_service(case)) == (assisted, self_service)


@pytest.mark.parametrize(("later", "outcome"), LATER)
def test_the_outcome_of_a_business_after_its_first_assisted_case(later, outcome):
    assert conversion_outcome(ANCHOR, later) == outcome


def _stored(business, user, application):
    by = user if application.by_business_user else staff()
    case(
        business,
        by,
        application.received_at,
        track=application.track,
        channel=application.channel,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("application", "assisted", "_self_service"), KINDS)
def test_the_database_puts_the_same_cases_in_the_cohort(application, assisted, _self_service):
    business, user = member()
    _stored(business, user, replace(application, received_at=ANCHOR))
    assert assisted_conversion(**JANUARY)["cohort"] == int(assisted)


@pytest.mark.django_db
@pytest.mark.parametrize(("later", "outcome"), LATER)
def test_the_database_gives_the_same_outcome(later, outcome):
    business, user = member()
    _stored(business, user, app("phone", "assisted", at=ANCHOR))
    for application in later:
        _stored(business, user, application)
    figures = assisted_conversion(**JANUARY)
    assert figures["cohort"] == 1
    assert {key: figures[key] for key in COUNTS.values()} == {
        name: int(name == COUNTS[outcome]) for name in COUNTS.values()
    }
