"""The track and pilot figures page in a real browser, axe-checked, in Danish and English:
a manager reads every chart's table, filters the period by keyboard and finds the link to
the monthly report."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from cases.constants import Channel, Track
from cases.models import MonthlyReport
from cases.stats.periods import previous_month
from kes.constants import Role
from routing.services import user_roles_grant
from tests.browser import assert_no_axe_violations, login, prefix, screenshot
from tests.cases.stats_data import case, member, quick_answer
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _figures():
    today = timezone.localdate()
    pilot = UserFactory(username="p-browser", first_name="Pia", last_name="Lods")
    business, user = member()
    case(business, user, today.replace(day=1), track=Track.ASSISTED, channel=Channel.PHONE)
    case(business, user, today, departments=["city_use"])
    case(business, user, today, track=Track.PILOT, pilot=pilot)
    quick_answer(business, user, today, "Skilte", Channel.COUNTER)
    report = MonthlyReport.objects.create(month=previous_month(today), language="da")
    report.file.save("r.pdf", ContentFile(b"%PDF-1.4 test"), save=True)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_manager_reads_the_track_figures(page, lang):
    _figures()
    manager = UserFactory(username="m-browser", language=lang)
    user_roles_grant(user=manager, roles=[Role.MANAGER])

    login(page, lang, "m-browser", "/staff/dashboard/tracks/")
    assert "/staff/dashboard/tracks/" in page.url
    for table in ("tracks", "meetings", "pilots", "conversion", "answers"):
        assert page.locator(f'table[data-table="{table}"] caption').count() == 1, table
    for chart in ("tracks", "meetings", "conversion", "answers"):
        assert page.locator(f'figure[data-chart="{chart}"] svg[role="img"]').count() == 1, chart
    assert page.locator('td[data-cell="total"]').inner_text() == "4"  # the answer is a case
    assert page.locator('tr[data-topic="skilte"]').count() == 1
    assert page.locator("a[data-report-month]").count() == 1
    assert_no_axe_violations(page)
    screenshot(page, f"track-figures-{lang}")

    # A period without cases, sent from the keyboard.
    page.locator("#id_from").fill("2001-01-01")
    page.locator("#id_to").fill("2001-01-31")
    page.locator("form[data-filters] button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "from=2001-01-01" in page.url and "to=2001-01-31" in page.url
    assert page.locator('td[data-cell="total"]').inner_text() == "0"
    assert f"{prefix(lang)}/staff/dashboard/tracks/" in page.url
    assert_no_axe_violations(page)
