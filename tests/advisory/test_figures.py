"""The managers' figures on a fixed data set: courses held, fill and no-show rates,
evaluations, counselling hours, topics raised, survival of advised businesses and the rest."""

from datetime import date, datetime, timedelta

import pytest

from advisory.constants import BookingStatus
from advisory.models import (
    CounsellingBooking,
    Evaluation,
    OutreachVisit,
    Registration,
    Slot,
    SurvivalCheck,
)
from advisory.rules import COPENHAGEN
from advisory.selectors import advisory_figures
from advisory.tasks import expire_offers, send_reminders
from tests.factories import UserFactory

from .helpers import course, hub, session

pytestmark = pytest.mark.django_db

ADVISED = ["12345607", "24681351"]
OTHERS = ["31415926", "10000009"]


def at(day, hour=10):
    return datetime.combine(day, datetime.min.time(), tzinfo=COPENHAGEN) + timedelta(hours=hour)


def _registration(session, name, *, status="confirmed", **fields):
    return Registration(
        session=session,
        name=name,
        email=f"{name}@example.invalid",
        language="da",
        status=status,
        **fields,
    )


@pytest.fixture
def fixed_data():
    advisor = UserFactory(username="t-figures-advisor")
    place = hub()
    march = session(capacity=10, starts_at=at(date(2025, 3, 4)), offering=course(), place=place)
    april = session(capacity=10, starts_at=at(date(2025, 4, 8)), offering=course(title_en="B"))
    session(capacity=10, starts_at=at(date(2026, 1, 8)), offering=course(title_en="Next year"))
    outreach = session(
        capacity=30, starts_at=at(date(2025, 5, 2)), offering=course(title_en="E", kind="outreach")
    )
    # March: 8 seated, 6 came, 2 did not; April: 4 seated, attendance not recorded.
    rows = [
        _registration(march, f"m{n}", attended=n < 6, cvr=ADVISED[n % 2] if n < 2 else "")
        for n in range(8)
    ]
    rows += [_registration(april, f"a{n}") for n in range(4)]
    rows.append(_registration(april, "gone", status="cancelled"))
    rows.append(_registration(outreach, "o"))
    Registration.objects.bulk_create(rows)
    came = Registration.objects.filter(session=march, attended=True).order_by("pk")
    Evaluation.objects.bulk_create(
        [
            Evaluation(registration=r, rating=rating)
            for r, rating in zip(came, [5, 4, 3], strict=False)
        ]
    )
    for n, (hours, status) in enumerate(
        [(1, BookingStatus.BOOKED), (1.5, BookingStatus.BOOKED), (1, BookingStatus.CANCELLED)]
    ):
        start = at(date(2025, 6, 2 + n))
        slot = Slot.objects.create(
            advisor=advisor, starts_at=start, ends_at=start + timedelta(hours=hours)
        )
        CounsellingBooking.objects.create(
            slot=slot,
            name="c",
            email=f"c{n}@example.invalid",
            language="da",
            topic="starting",
            description="x",
            status=status,
        )
    OutreachVisit.objects.create(
        advisor=advisor,
        hub=place,
        visited_on=date(2025, 2, 1),
        businesses_met=5,
        topics=["permits", "finance"],
    )
    OutreachVisit.objects.create(
        advisor=advisor,
        hub=place,
        visited_on=date(2025, 9, 1),
        businesses_met=3,
        topics=["permits"],
    )
    # Survival: advised businesses both alive after 1 year, one after 2; the others: 1 of 2
    # after one year, none after two.
    checks = [
        (ADVISED[0], 2022, 2023, True),
        (ADVISED[0], 2022, 2024, True),
        (ADVISED[0], 2022, 2025, False),
        (ADVISED[1], 2023, 2024, True),
        (ADVISED[1], 2023, 2025, False),
        (OTHERS[0], 2022, 2023, True),
        (OTHERS[0], 2022, 2024, False),
        (OTHERS[1], 2023, 2024, False),
    ]
    SurvivalCheck.objects.bulk_create(
        [SurvivalCheck(cvr=c, started_year=s, year=y, active=a) for c, s, y, a in checks]
    )


def test_figures_of_a_fixed_data_set(fixed_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        figures = advisory_figures(date(2025, 1, 1), date(2025, 12, 31))
    assert figures["courses_held"] == 2
    assert figures["events_held"] == 1
    assert figures["seats"] == 50
    assert figures["taken"] == 13
    assert figures["fill_rate"] == 0.26
    assert figures["no_show_rate"] == 0.25  # 2 of the 8 recorded in March
    assert (figures["evaluations"], figures["rating"]) == (3, 4.0)
    assert (figures["counselling_sessions"], figures["counselling_hours"]) == (2, 2.5)
    assert figures["businesses_met"] == 8
    # Danish is the tests' default language, as it is the portal's.
    assert figures["topics"] == [("Tilladelser og regler", 2), ("Økonomi og regnskab", 1)]
    assert figures["survival"] == {
        "advised": {1: 1.0, 2: 0.5, 3: 0.0},
        "others": {1: 0.5, 2: 0.0, 3: None},
    }


def test_a_period_without_anything(fixed_data):
    figures = advisory_figures(date(2020, 1, 1), date(2020, 12, 31))
    assert figures["courses_held"] == 0
    assert figures["fill_rate"] is None and figures["no_show_rate"] is None
    assert figures["counselling_hours"] == 0


def test_figures_page_shows_the_tables(client, manager_user, fixed_data):
    client.force_login(manager_user)
    body = client.get("/en/staff/advice/figures/?first=2025-01-01&last=2025-12-31").content.decode()
    assert '<td data-figure="courses_held">2</td>' in body
    assert '<td data-survival="advised-2">50 %</td>' in body


def test_beat_tasks_run(db):
    # Beat calls them by name; here they run in-process, as the worker would run them.
    assert send_reminders.apply().get() == 0
    assert expire_offers.apply().get() == 0
