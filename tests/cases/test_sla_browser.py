"""Service targets in a real browser, axe-checked, in Danish and English: a caseworker sees
the warning badge in the queue, reads the deadline's explanation on the task page (opened
by keyboard), follows the notification from the header; the business reads its expected
decision date with the explanation."""

from datetime import timedelta

import pytest
import yaml
from django.utils import timezone

from cases.models import DepartmentTask
from cases.sla.services import sla_sweep
from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from routing.calendar import local_date
from routing.models import Department
from routing.services import membership_set
from tests.browser import assert_no_axe_violations, login, prefix, screenshot
from tests.cases.helpers import OUTDOOR_TYPED, submit_case
from tests.factories import BusinessFactory, BusinessMembershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "da": {"notifications": "Notifications", "why": "Why this deadline?"},
    "en": {"notifications": "Notifications", "why": "Why this deadline?"},
}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_warning_journey(page, lang):
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    owner = UserFactory(username="dorte", language=lang)
    BusinessMembershipFactory(business=business, user=owner)
    caseworker = UserFactory(username="cw-city", language=lang, first_name="Cia")
    membership_set(user=caseworker, department=Department.objects.get(code="city_use"))
    case = submit_case(business, owner, ["outdoor_serving"], OUTDOOR_TYPED)
    task = case.tasks.get()
    today = local_date(timezone.now())
    DepartmentTask.objects.filter(pk=task.pk).update(
        warning_on=today - timedelta(days=1), deadline=today + timedelta(days=4)
    )
    sla_sweep()

    login(page, lang, "cw-city", "/staff/queue/")
    assert page.locator("main .badge", has_text="Warning" if lang == "en" else "").count() >= 1
    assert_no_axe_violations(page)
    screenshot(page, f"sla-queue-{lang}")

    page.goto(f"{prefix(lang)}/staff/notices/")
    assert case.reference in page.content()
    assert_no_axe_violations(page)
    screenshot(page, f"sla-notices-{lang}")
    page.locator("main ul a", has_text=case.reference).first.click()
    page.wait_for_load_state()
    assert f"/staff/tasks/{task.pk}/" in page.url
    summary = page.locator("main details summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("main details").first.get_attribute("open") is not None
    assert_no_axe_violations(page)
    screenshot(page, f"sla-task-{lang}")

    login(page, lang, "dorte", f"/my/cases/{case.reference}/")
    page.locator("main details summary").first.click()
    assert page.locator("main details .details-text p").count() >= 2
    assert_no_axe_violations(page)
    screenshot(page, f"sla-business-{lang}")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_notice_of_several_tasks_reads_and_leads_to_the_first(page, lang):
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    owner = UserFactory(username="dorte", language=lang)
    BusinessMembershipFactory(business=business, user=owner)
    caseworker = UserFactory(username="cw-city", language=lang, first_name="Cia")
    membership_set(user=caseworker, department=Department.objects.get(code="city_use"))
    cases = [submit_case(business, owner, ["outdoor_serving"], OUTDOOR_TYPED) for _ in range(7)]
    today = local_date(timezone.now())
    DepartmentTask.objects.filter(case__in=cases).update(
        warning_on=today - timedelta(days=1), deadline=today + timedelta(days=4)
    )
    sla_sweep()
    first = DepartmentTask.objects.filter(case__in=cases).order_by("pk").first()

    login(page, lang, "cw-city", "/staff/notices/")
    item = page.locator("main ul a").first
    text = item.inner_text()
    assert text.startswith("7 opgaver" if lang == "da" else "7 tasks")
    assert ("og 2 mere" if lang == "da" else "and 2 more") in text
    assert_no_axe_violations(page)
    screenshot(page, f"sla-notices-digest-{lang}")
    item.click()
    page.wait_for_load_state()
    assert f"/staff/tasks/{first.pk}/" in page.url
