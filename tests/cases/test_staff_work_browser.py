"""Staff at work in a real browser, axe-checked, in Danish and English: a caseworker lands
on the work overview with the right counts, and sees the decision letter before confirming
it (nothing is stored or sent before the confirmation)."""

from datetime import timedelta

import pytest
import yaml
from django.utils import timezone

from cases.constants import LetterKind, NotificationKind, Outcome
from cases.models import Decision, DepartmentTask, Letter
from cases.services import task_assign, task_request_information
from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from kes.models import Notification
from routing.calendar import local_date
from routing.models import Department
from routing.services import membership_set
from tests.browser import assert_no_axe_violations, login, prefix, screenshot, t
from tests.cases.helpers import A_SIGN, OUTDOOR_TYPED, submit_case
from tests.factories import PASSWORD, BusinessFactory, BusinessMembershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(lang):
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    owner = UserFactory(username="dorte", language=lang)
    BusinessMembershipFactory(business=business, user=owner)
    worker = UserFactory(username="cw", language=lang, first_name="Sanne", last_name="Sag")
    membership_set(user=worker, department=Department.objects.get(code="city_use"))
    return business, owner, worker


def _submit(business, owner, answers=OUTDOOR_TYPED):
    return submit_case(business, owner, list(answers), answers).tasks.get()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_caseworker_lands_on_the_work_overview_with_the_right_counts(page, world, lang):
    business, owner, worker = world
    today = local_date(timezone.now())
    mine = [_submit(business, owner) for _ in range(3)]
    for task in mine:
        task_assign(task=task, assignee=worker, by=worker)
    task_request_information(
        task=mine[0], by=worker, text="Tegning", due_on=today + timedelta(days=7)
    )
    DepartmentTask.objects.filter(pk=mine[1].pk).update(
        warning_on=today, deadline=today + timedelta(days=3)
    )
    _submit(business, owner, A_SIGN)  # in the queue

    # Signing in without a page asked for lands on the overview.
    page.context.clear_cookies()
    page.goto(f"{prefix(lang)}/login/")
    page.fill("#id_username", worker.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    assert page.url.endswith(f"{prefix(lang)}/staff/")
    counts = {
        key: int(page.locator(f"[data-figure={key}]").get_attribute("data-count"))
        for key in ("mine", "due_soon", "overdue", "waiting", "queue")
    }
    assert counts == {"mine": 3, "due_soon": 1, "overdue": 0, "waiting": 1, "queue": 1}
    assert_no_axe_violations(page)
    screenshot(page, f"staff-overview-{lang}")

    # Each figure opens its list: the one waiting for the business.
    page.locator("[data-figure=waiting] a").click()
    page.wait_for_load_state()
    assert "deadline=waiting" in page.url
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1 and mine[0].case.reference in rows.first.inner_text()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_caseworker_sees_the_letter_before_confirming(page, world, lang):
    business, owner, worker = world
    task = _submit(business, owner)
    login(page, lang, worker.username, f"/staff/tasks/{task.pk}/decide/")
    assert_no_axe_violations(page)

    # Only the chosen outcome's parts show; the complaint route comes from the catalogue.
    complaint = page.locator("#id_complaint")
    assert not complaint.is_visible() and not page.locator("#id_way_forward").is_visible()
    page.get_by_label(t(lang, "Rejected"), exact=True).check()
    assert page.locator("#id_way_forward").is_visible() and complaint.is_visible()
    # Prefilled in the business's language (the letter's).
    assert {"da": "Vejdirektoratet", "en": "Road Directorate"}[lang] in complaint.input_value()
    page.get_by_label(t(lang, "Approved with conditions"), exact=True).check()
    assert page.locator("#id_conditions").is_visible()
    assert not page.locator("#id_way_forward").is_visible() and complaint.is_visible()
    assert_no_axe_violations(page)
    page.fill("#id_statement", "Seks borde er i orden.")
    page.fill("#id_conditions", "Borde væk kl. 23.")
    page.get_by_role("button", name=t(lang, "Preview the letter"), exact=True).click()
    page.wait_for_load_state()

    letter = page.locator("[data-letter-preview]")
    assert letter.get_attribute("lang") == lang
    text = letter.inner_text()
    assert "Seks borde er i orden." in text and "Borde væk kl. 23." in text
    assert "Sanne Sag" in text  # the signature block
    assert not Decision.objects.exists()
    assert not Notification.objects.filter(kind=NotificationKind.DECISION_LETTER).exists()
    assert not Letter.objects.filter(kind=LetterKind.DECISION).exists()
    assert_no_axe_violations(page)
    screenshot(page, f"decision-preview-{lang}")

    # Changing it keeps the entries.
    page.get_by_role("button", name=t(lang, "Change the decision"), exact=True).click()
    page.wait_for_load_state()
    assert page.input_value("#id_statement") == "Seks borde er i orden."
    assert page.locator("#id_conditions").is_visible()
    assert page.input_value("#id_conditions") == "Borde væk kl. 23."
    page.get_by_role("button", name=t(lang, "Preview the letter"), exact=True).click()
    page.wait_for_load_state()
    assert not Decision.objects.exists()

    # Confirming records it (deciding renders the letter in-process: allow time).
    page.get_by_role("button", name=t(lang, "Confirm and send the decision"), exact=True).click(
        timeout=60_000
    )
    page.wait_for_load_state()
    decision = Decision.objects.get(task=task)
    assert (decision.outcome, decision.conditions) == (
        Outcome.APPROVED_WITH_CONDITIONS,
        "Borde væk kl. 23.",
    )
    task.refresh_from_db()
    assert task.assignee_id == worker.pk  # deciding took the task
    assert_no_axe_violations(page)
