"""The assisted → self-service conversion rule (cases.stats.conversion) as a table."""

from datetime import datetime

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

ANCHOR = datetime(2026, 1, 10, 10)
BEFORE = datetime(2026, 1, 9, 10)
AFTER = datetime(2026, 2, 1, 10)


def app(channel="digital", track="self_service", by_business_user=True, at=AFTER):
    return Application(
        received_at=at, channel=channel, track=track, by_business_user=by_business_user
    )


@pytest.mark.parametrize(
    ("case", "assisted", "self_service"),
    [
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
    ],
)
def test_which_cases_are_assisted_and_which_self_service(case, assisted, self_service):
    assert (is_assisted(case), is_self_service(case)) == (assisted, self_service)


@pytest.mark.parametrize(
    ("later", "outcome"),
    [
        ([], NOT_BACK),
        ([app()], CONVERTED),
        ([app(at=BEFORE)], NOT_BACK),  # before the anchor
        ([app(at=ANCHOR)], NOT_BACK),  # strictly after
        ([app("phone", "assisted")], CAME_BACK_ASSISTED),
        ([app("phone", "assisted"), app()], CONVERTED),  # self-service wins
        ([app("digital", "immediate")], NOT_BACK),
        ([app(by_business_user=False)], NOT_BACK),
        ([app("phone", "immediate"), app("digital", "assisted")], CAME_BACK_ASSISTED),
    ],
)
def test_the_outcome_of_a_business_after_its_first_assisted_case(later, outcome):
    assert conversion_outcome(ANCHOR, later) == outcome
