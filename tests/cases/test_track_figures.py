"""The track and pilot figures and the quick answers on fixed data counted by hand."""

from datetime import date, datetime

import pytest

from cases.constants import CaseStatus, Channel, MeetingStatus, TaskStatus, Track
from cases.models import MeetingOutcome, StarMeeting
from cases.stats.answers import quick_answer_topics, quick_answer_totals
from cases.stats.tracks import assisted_conversion, cases_per_track, pilot_portfolios, star_meetings
from routing.calendar import COPENHAGEN
from tests.cases.stats_data import at, case, member, quick_answer, staff, task
from tests.factories import DepartmentFactory, UserFactory

JAN_FEB = {"date_from": date(2026, 1, 1), "date_to": date(2026, 2, 28)}
JANUARY = {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)}

pytestmark = pytest.mark.django_db


def test_cases_per_track_count_each_month_in_copenhagen_time():
    business, user = member()
    case(business, user, date(2026, 1, 5), departments=["city_use"])
    case(business, user, date(2026, 1, 6), departments=["parking"])
    case(business, user, date(2026, 1, 7), track=Track.ASSISTED, channel=Channel.PHONE)
    case(business, user, date(2026, 1, 8), track=Track.PILOT)
    case(business, user, date(2026, 2, 3), track=Track.STAR_MEETING)
    # 00:30 on 1 February in Copenhagen is still 31 January in UTC: it counts in February.
    case(
        business,
        user,
        datetime(2026, 2, 1, 0, 30, tzinfo=COPENHAGEN),
        departments=["city_use", "parking"],
    )
    case(business, user, date(2025, 12, 31))
    case(business, user, datetime(2026, 3, 1, 0, 30, tzinfo=COPENHAGEN))

    figures = cases_per_track(**JAN_FEB)

    jan, feb = figures["months"]
    assert (jan["month"], feb["month"]) == (date(2026, 1, 1), date(2026, 2, 1))
    assert jan["counts"] == {
        "immediate": 0,
        "self_service": 2,
        "assisted": 1,
        "pilot": 1,
        "star_meeting": 0,
    }
    assert (jan["total"], feb["total"]) == (4, 2 + 0)
    assert feb["counts"]["star_meeting"] == 1 and feb["counts"]["self_service"] == 1
    assert figures["total"] == 6
    scoped = cases_per_track(**JAN_FEB, departments={"city_use"})
    assert [m["counts"]["self_service"] for m in scoped["months"]] == [1, 1]
    assert scoped["total"] == 2
    only = cases_per_track(**JAN_FEB, track=Track.PILOT)
    assert only["tracks"] == [("pilot", Track.PILOT.label)] and only["total"] == 1
    assert cases_per_track(**JAN_FEB, channel=Channel.PHONE)["total"] == 1


def _meeting(business, user, starts: date, codes, outcomes, status=MeetingStatus.HELD):
    row = case(business, user, date(2025, 11, 1), track=Track.STAR_MEETING, departments=codes)
    meeting = StarMeeting.objects.create(case=row, status=status, starts_at=at(starts))
    for code, at_meeting in outcomes.items():
        MeetingOutcome.objects.create(
            meeting=meeting, department=DepartmentFactory(code=code), decided_at_meeting=at_meeting
        )
    return meeting


def test_star_meetings_held_and_their_outcomes():
    business, user = member()
    three = ["city_use", "parking", "environment"]
    _meeting(
        business,
        user,
        date(2026, 1, 15),
        three,
        {"city_use": True, "parking": False, "environment": True},
    )
    _meeting(business, user, date(2026, 2, 10), ["city_use"], {"city_use": False})
    _meeting(business, user, date(2026, 2, 20), ["parking"], {})
    _meeting(business, user, date(2026, 2, 25), ["parking"], {}, status=MeetingStatus.PLANNED)
    _meeting(business, user, date(2025, 12, 10), ["parking"], {"parking": True})

    figures = star_meetings(**JAN_FEB)

    assert [(m["held"], m["at_meeting"], m["follow_up"]) for m in figures["months"]] == [
        (1, 2, 1),
        (2, 0, 1),
    ]
    assert (figures["held"], figures["at_meeting"], figures["follow_up"]) == (3, 2, 2)
    assert figures["at_meeting_share"] == 0.5
    scoped = star_meetings(**JAN_FEB, departments={"city_use"})
    assert (scoped["held"], scoped["at_meeting"], scoped["follow_up"]) == (2, 1, 1)


def test_pilot_portfolios_count_open_cases_and_breaches():
    business, user = member()
    first, second, third = (UserFactory(username=f"p-{n}") for n in (1, 2, 3))
    first.first_name, first.last_name = "Pia", "Lods"
    first.save()
    a = case(business, user, date(2025, 12, 1), track=Track.PILOT, pilot=first)
    # Its warning beside the breach counts the task once; parking's warning is no breach.
    task(a, "city_use", breach=at(date(2026, 1, 20)), warning=at(date(2026, 1, 15)))
    task(a, "parking", warning=at(date(2026, 1, 25)))
    b = case(business, user, date(2025, 12, 2), track=Track.PILOT, pilot=first)
    task(b, "city_use", status=TaskStatus.DONE, breach=at(date(2026, 2, 5)))
    c = case(
        business, user, date(2025, 10, 1), track=Track.PILOT, pilot=first, status=CaseStatus.CLOSED
    )
    task(c, "city_use", status=TaskStatus.DONE, breach=at(date(2025, 12, 1)))
    d = case(
        business, user, date(2025, 12, 3), track=Track.PILOT, pilot=second, status=CaseStatus.CLOSED
    )
    task(d, "city_use", status=TaskStatus.DONE, breach=at(date(2026, 2, 14)))
    case(
        business, user, date(2025, 12, 4), track=Track.PILOT, pilot=third, status=CaseStatus.CLOSED
    )

    rows = pilot_portfolios(**JAN_FEB)

    assert [
        (r["pilot"], r["name"], r["open_cases"], r["open_breached"], r["breaches"]) for r in rows
    ] == [(first.pk, "Pia Lods", 2, 1, 2), (second.pk, "p-2", 0, 0, 1)]
    scoped = pilot_portfolios(**JAN_FEB, departments={"parking"})
    assert [(r["pilot"], r["open_cases"], r["open_breached"], r["breaches"]) for r in scoped] == [
        (first.pk, 1, 0, 0)
    ]


def test_the_assisted_to_self_service_conversion():
    kes = staff()
    b1, u1 = member()
    case(b1, u1, date(2026, 1, 10), track=Track.ASSISTED, channel=Channel.PHONE)
    case(b1, u1, date(2026, 2, 5))  # converted
    b2, u2 = member()
    case(b2, kes, date(2026, 1, 12), track=Track.PILOT, channel=Channel.COUNTER, assisted_by=kes)
    case(b2, kes, date(2026, 3, 1))  # digital, but by a staff member: not by the business
    case(b2, kes, date(2026, 4, 1), track=Track.ASSISTED, channel=Channel.PHONE)  # came back
    b3, u3 = member()
    case(b3, u3, date(2025, 12, 1))  # self-service before the anchor: not counted
    case(b3, u3, date(2026, 1, 20), track=Track.ASSISTED)  # digital, help requested
    b4, u4 = member()
    case(b4, u4, date(2026, 1, 25), track=Track.IMMEDIATE, channel=Channel.PHONE)  # no cohort
    case(b4, u4, date(2026, 2, 1))
    b5, u5 = member()
    case(b5, u5, date(2025, 12, 20), track=Track.ASSISTED, channel=Channel.PHONE)  # before
    case(b5, u5, date(2026, 2, 1))
    b6, u6 = member()
    case(b6, u6, date(2026, 1, 5), track=Track.ASSISTED, channel=Channel.PHONE)
    case(b6, u6, date(2026, 1, 6), track=Track.IMMEDIATE)  # a question, not an application
    case(b6, u6, date(2026, 1, 7), track=Track.ASSISTED)  # came back assisted
    b7, u7 = member()
    case(b7, u7, date(2026, 1, 3), track=Track.ASSISTED, channel=Channel.PHONE)
    case(b7, u7, date(2026, 1, 15))  # converted (after the first assisted case)
    case(b7, u7, date(2026, 1, 28), track=Track.ASSISTED, channel=Channel.COUNTER)

    figures = assisted_conversion(**JANUARY)

    assert figures == {
        "cohort": 5,
        "converted": 2,
        "came_back_assisted": 2,
        "not_back": 1,
        "converted_share": 0.4,
    }
    # The track and channel filters do not narrow the cohort: the rule fixes them.
    assert assisted_conversion(**JANUARY, track=Track.PILOT, channel=Channel.DIGITAL) == figures


def test_quick_answers_per_topic_and_channel():
    business, user = member()
    quick_answer(business, user, date(2026, 1, 3), "Skilte")
    quick_answer(business, user, date(2026, 1, 4), " skilte ", Channel.PHONE)
    quick_answer(business, user, date(2026, 1, 5), "SKILTE", Channel.COUNTER)
    quick_answer(business, user, date(2026, 1, 6), "Udeservering")
    quick_answer(business, user, date(2026, 1, 7), "Udeservering")
    quick_answer(business, user, date(2026, 2, 2), "Parkering", Channel.PHONE)
    quick_answer(business, user, date(2026, 1, 31), "Støj", Channel.COUNTER)

    rows = list(quick_answer_topics(**JANUARY))

    assert [(r["key"], r["total"], r["digital"], r["phone"], r["counter"]) for r in rows] == [
        ("skilte", 3, 1, 1, 1),
        ("udeservering", 2, 2, 0, 0),
        ("støj", 1, 0, 0, 1),
    ]
    assert rows[0]["topic"].lower() == "skilte" and rows[1]["topic"] == "Udeservering"
    assert quick_answer_totals(**JANUARY) == {
        "total": 6,
        "topics": 3,
        "digital": 3,
        "phone": 1,
        "counter": 2,
    }
    assert [r["key"] for r in quick_answer_topics(**JANUARY, channel=Channel.PHONE)] == ["skilte"]
