"""The pilots' pages on the track page in a real browser, axe-checked with both paginated
tables' navigations: the next page keeps the filters and lands at the pilots' table."""

import pytest
from django.utils import timezone

from cases.constants import Track
from cases.stats.track_page import PILOTS_PER_PAGE
from kes.constants import Role
from routing.services import user_roles_grant
from tests.browser import assert_no_axe_violations, login
from tests.cases.stats_data import case, member
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_manager_pages_through_the_pilots(page):
    business, user = member()
    for _ in range(PILOTS_PER_PAGE + 5):
        case(business, user, timezone.localdate(), track=Track.PILOT, pilot=UserFactory())
    manager = UserFactory(username="m-pilots", language="en")
    user_roles_grant(user=manager, roles=[Role.MANAGER])

    login(page, "en", "m-pilots", "/staff/dashboard/tracks/?track=pilot")
    rows = page.locator('table[data-table="pilots"] tbody tr')
    assert rows.count() == PILOTS_PER_PAGE
    nav = page.locator('nav[aria-label="Pages of business pilots"]')
    assert nav.count() == 1
    assert_no_axe_violations(page)
    with page.expect_navigation():
        nav.locator("a.button-next").click()
    assert "pilots_page=2" in page.url and "track=pilot" in page.url
    assert page.url.endswith("#pilots-heading")
    assert rows.count() == 5
    assert_no_axe_violations(page)
