"""The pilots' portfolios on the track page come in pages of their own (``?pilots_page=``)
that keep the filters and the topics' page; the monthly report still lists every pilot."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from cases.constants import Track
from cases.stats.report import report_context
from cases.stats.track_page import PILOTS_PER_PAGE
from tests.cases.stats_data import at, case, member
from tests.factories import UserFactory

URL = reverse("dashboard_tracks")
FILTERS = "from=2026-01-01&to=2026-01-31&track=pilot"
MORE = PILOTS_PER_PAGE + 5

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _february():
    with time_machine.travel(at(date(2026, 2, 10)), tick=False):
        yield


def _pilots(count: int) -> list[int]:
    """``count`` pilots with one open case each, in the table's order (by username)."""
    business, user = member()
    pilots = [UserFactory(username=f"p-{n:02d}") for n in range(count)]
    for pilot in pilots:
        case(business, user, date(2026, 1, 7), track=Track.PILOT, pilot=pilot)
    return [pilot.pk for pilot in pilots]


def _shown(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr data-pilot="(\d+)">', html)]


def test_the_first_page_shows_a_page_of_pilots_and_links_on_with_the_filters(client, manager_user):
    ids = _pilots(MORE)
    client.force_login(manager_user)
    html = client.get(f"/en{URL}?{FILTERS}&page=1").content.decode()
    assert _shown(html) == ids[:PILOTS_PER_PAGE]
    assert f"{MORE} business pilots have open cases" in html  # all of them, not the page's
    assert 'aria-label="Pages of business pilots"' in html
    link = re.search(r'href="(\?[^"]*pilots_page=2[^"]*)"', html).group(1).replace("&amp;", "&")
    assert link.endswith("#pilots-heading")
    for kept in (*FILTERS.split("&"), "page=1"):
        assert kept in link, kept


def test_the_second_page_shows_the_rest(client, manager_user):
    ids = _pilots(MORE)
    client.force_login(manager_user)
    html = client.get(f"/en{URL}?{FILTERS}&pilots_page=2").content.decode()
    assert _shown(html) == ids[PILOTS_PER_PAGE:]
    assert 'aria-current="page"><span class="sr-only">Page </span>2<' in html


@pytest.mark.parametrize(
    ("number", "first"),
    [("abc", True), ("", True), ("0", False), ("-1", False), ("99999999999999999999", False)],
)
def test_a_junk_or_out_of_range_pilots_page_shows_a_valid_page(client, manager_user, number, first):
    ids = _pilots(MORE)
    client.force_login(manager_user)
    response = client.get(f"{URL}?{FILTERS}&pilots_page={number}")
    assert response.status_code == 200
    expected = ids[:PILOTS_PER_PAGE] if first else ids[PILOTS_PER_PAGE:]
    assert _shown(response.content.decode()) == expected


def test_few_pilots_have_no_page_links(client, manager_user):
    ids = _pilots(3)
    client.force_login(manager_user)
    html = client.get(f"/en{URL}?{FILTERS}").content.decode()
    assert _shown(html) == ids and "pilots_page" not in html


@pytest.mark.parametrize("count", [5, MORE])
def test_the_query_count_does_not_grow_with_the_pilots(
    client, manager_user, django_assert_num_queries, count
):
    _pilots(count)
    client.force_login(manager_user)
    client.get(URL)  # sessions and roles warmed the same way for both sizes
    with django_assert_num_queries(QUERIES):
        assert client.get(f"{URL}?{FILTERS}&pilots_page=2").status_code == 200


# tests/cases/test_track_page.py's count less the topics' page: no quick answer here, so
# the topics' count is 0 and their empty page reads nothing; the pilots' count and page are two.
QUERIES = 16


def test_the_monthly_report_lists_every_pilot():
    ids = _pilots(MORE)
    figures = report_context(date(2026, 1, 1))["figures"]
    assert [row["pilot"] for row in figures["pilots"]] == ids
    assert figures["pilots_count"] == MORE
