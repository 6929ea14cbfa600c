"""The track and pilot figures page: who may open it, what a department lead sees, the
query count at two data sizes, and the monthly report's download."""

from datetime import date

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from cases.constants import Channel, Track
from cases.models import MonthlyReport
from tests.cases.stats_data import at, case, member, quick_answer

URL = reverse("dashboard_tracks")
PERIOD = "?from=2026-01-01&to=2026-01-31"
TODAY = at(date(2026, 2, 10))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _february():
    with time_machine.travel(TODAY, tick=False):
        yield


def _data(size: int):
    """``size`` businesses, each with an assisted case, a digital case with the city-use
    department, a piloted case and a quick answer in January."""
    from tests.factories import UserFactory

    pilot = UserFactory(username="p-page")
    for n in range(size):
        business, user = member()
        case(business, user, date(2026, 1, 5), track=Track.ASSISTED, channel=Channel.PHONE)
        case(business, user, date(2026, 1, 6), departments=["city_use"])
        case(business, user, date(2026, 1, 7), track=Track.PILOT, pilot=pilot)
        quick_answer(business, user, date(2026, 1, 8), f"Emne {n % 3}")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager_user", 200),
        ("lead_user", 200),
        ("business_user", 403),
        ("caseworker_user", 403),
        ("kes_user", 403),
        ("outsider_user", 403),
    ],
)
def test_who_may_open_the_page(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == status
    assert client.get(f"/en{URL}").status_code == status


def test_anonymous_users_are_sent_to_login(client):
    for url in (URL, reverse("dashboard_monthly_report")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_page_shows_the_figures_in_tables(client, manager_user):
    _data(2)
    client.force_login(manager_user)
    html = client.get(f"/en{URL}{PERIOD}").content.decode()
    assert '<td data-cell="2026-01-self_service">2</td>' in html
    assert '<td data-cell="total">8</td>' in html  # 2 × (assisted, digital, pilot, immediate)
    assert '<td data-cell="cohort">2</td>' in html
    assert 'data-topic="emne 0"' in html and 'data-topic="emne 1"' in html
    assert html.count("data-city-wide") == 2
    assert "data-scope" not in html


def test_a_lead_sees_their_department_and_is_told_what_is_city_wide(client, lead_user):
    _data(2)
    business, user = member()
    case(business, user, date(2026, 1, 9), departments=["parking"])
    client.force_login(lead_user)
    # A department parameter cannot widen the lead's scope.
    html = client.get(f"/en{URL}{PERIOD}&department=parking").content.decode()
    assert 'data-scope="department"' in html
    assert '<td data-cell="total">2</td>' in html  # only the city-use cases
    assert '<td data-cell="cohort">2</td>' in html  # the conversion stays city-wide
    assert "dashboard_monthly_report" not in html and "report.pdf" not in html


def test_bad_filters_show_errors_and_fall_back(client, manager_user):
    client.force_login(manager_user)
    response = client.get(f"{URL}?from=2026-13-01&to=banana&track=nope&page=x")
    assert response.status_code == 200
    assert b"data-period" in response.content


@pytest.mark.parametrize("size", [2, 8])
def test_the_query_count_does_not_grow_with_the_rows(
    client, manager_user, django_assert_num_queries, size
):
    _data(size)
    client.force_login(manager_user)
    client.get(URL)  # sessions and roles warmed the same way for both sizes
    with django_assert_num_queries(QUERIES):
        assert client.get(f"{URL}{PERIOD}").status_code == 200


# session, user, roles (3), the staff menu and notices, choices (2), five figures,
# the topics' count and page, the pilots' count and page, the latest report.
QUERIES = 17


def test_managers_download_the_latest_report_in_their_language(client, manager_user, lead_user):
    old = MonthlyReport.objects.create(month=date(2025, 12, 1), language="da")
    old.file.save("a.pdf", ContentFile(b"%PDF-old"), save=True)
    for language in ("da", "en"):
        row = MonthlyReport.objects.create(month=date(2026, 1, 1), language=language)
        row.file.save("b.pdf", ContentFile(f"%PDF-{language}".encode()), save=True)
    client.force_login(manager_user)
    url = reverse("dashboard_monthly_report")
    danish = client.get(url)
    assert danish.status_code == 200
    assert b"".join(danish.streaming_content) == b"%PDF-da"
    assert "kes-report-2026-01.pdf" in danish["Content-Disposition"]
    assert b"".join(client.get(f"/en{url}").streaming_content) == b"%PDF-en"
    assert 'data-report-month="2026-01"' in client.get(URL).content.decode()
    client.force_login(lead_user)
    assert client.get(url).status_code == 403


def test_no_report_yet_is_a_404_for_managers(client, manager_user):
    client.force_login(manager_user)
    assert client.get(reverse("dashboard_monthly_report")).status_code == 404
