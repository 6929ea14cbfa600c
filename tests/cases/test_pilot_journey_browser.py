"""Virksomhedslods in a real browser, axe-checked, in Danish and English: KES staff assign a
pilot to a large event, the pilot introduces the business to each department and starts
them, writes a follow-up and marks it done, the departments decide (through the
services), the pilot closes the case with a summary that the decision letter carries, and
the business sees its contact person.
"""

from datetime import timedelta

import pytest
import yaml
from django.core import mail
from django.utils import timezone

from cases.constants import CaseStatus, TaskKind
from cases.models import FollowUp
from cases.services.pilots import involved_department_ids
from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from kes.constants import Role
from routing.calendar import local_date
from routing.models import Department
from routing.services import user_roles_grant
from tests.browser import assert_no_axe_violations, login, prefix, screenshot, t, tab_through
from tests.cases.helpers import CONCERT, decide_all, submit_case
from tests.factories import BusinessFactory, BusinessMembershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue():
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))


def press(page, lang, label, role="button"):
    page.get_by_role(role, name=t(lang, label), exact=True).first.click(timeout=60_000)
    page.wait_for_load_state()


def staff(username, lang, role, **fields):
    user = UserFactory(username=username, language=lang, **fields)
    user_roles_grant(user=user, roles=[role])
    return user


@pytest.mark.parametrize("lang", ["da", "en"])
def test_pilot_journey(page, catalogue, lang):
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    owner = UserFactory(username="dorte", language=lang, first_name="Dorte")
    BusinessMembershipFactory(business=business, user=owner)
    kes = staff("karen", lang, Role.KES_STAFF, first_name="Karen")
    pilot = staff(
        "petra", lang, Role.PILOT, first_name="Petra", last_name="Lods", email="petra@kk.example"
    )
    pilot.phone = "+45 33 66 12 34"
    pilot.save()
    case = submit_case(
        business, owner, ["event_public_space"], CONCERT, description="Sommerkoncert"
    )
    assert case.track == "pilot"
    pilot_page = f"/staff/cases/{case.reference}/pilot/"

    # KES staff assign the pilot, seeing each one's open portfolio.
    login(page, lang, kes.username, pilot_page)
    assert_no_axe_violations(page)
    page.get_by_label("Petra Lods", exact=False).check()
    screenshot(page, f"pilot-assign-{lang}")
    press(page, lang, "Assign the pilot")
    case.refresh_from_db()
    assert case.pilot == pilot
    assert_no_axe_violations(page)

    # The pilot finds the case in the portfolio and records the introductions.
    login(page, lang, pilot.username, "/staff/pilot/")
    assert case.reference in page.content()
    assert_no_axe_violations(page)
    stops = tab_through(page)
    assert any(case.reference in stop for stop in stops)
    screenshot(page, f"pilot-portfolio-{lang}")
    page.get_by_role("link", name=case.reference).first.click()
    page.wait_for_load_state()
    today = local_date(timezone.now())
    for department in Department.objects.filter(pk__in=involved_department_ids(case)):
        page.select_option("#id_intro-department_id", str(department.pk))
        page.fill("#id_intro-contact_name", f"Kontakt i {department.code}")
        page.fill("#id_intro-contact_email", f"{department.code}@kk.example")
        page.fill("#id_intro-introduced_on", today.strftime("%d/%m/%Y"))
        press(page, lang, "Save the introduction")
    assert_no_axe_violations(page)
    screenshot(page, f"pilot-introductions-{lang}")
    press(page, lang, "The introduction is complete: start the departments")
    decisions = case.tasks.filter(kind=TaskKind.DECISION)
    assert decisions.count() == 4

    # A follow-up on one department's task, then done.
    first = decisions.select_related("department").first()
    page.select_option("#id_follow-task_id", str(first.pk))
    page.fill("#id_follow-text", "Ring til afdelingen om opgaven")
    page.fill("#id_follow-due_on", (today + timedelta(days=5)).strftime("%d/%m/%Y"))
    press(page, lang, "Save the follow-up")
    follow_up = FollowUp.objects.get()
    page.goto(f"{prefix(lang)}/staff/pilot/follow-ups/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Ring til afdelingen om opgaven").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    screenshot(page, f"pilot-follow-up-{lang}")
    page.fill("#id_note", "Talt med sagsbehandleren")
    press(page, lang, "The follow-up is done")
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None

    # The departments decide; the pilot closes with a summary.
    decide_all(case)
    mail.outbox.clear()
    page.goto(f"{prefix(lang)}{pilot_page}")
    assert_no_axe_violations(page)
    page.fill("#id_close-summary", "Alt er klar til koncerten.")
    screenshot(page, f"pilot-close-{lang}")
    press(page, lang, "Close the case and send the letter")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert any("Alt er klar til koncerten." in message.body for message in mail.outbox)

    # The business sees its contact person.
    login(page, lang, owner.username, f"/my/cases/{case.reference}/")
    assert_no_axe_violations(page)
    content = page.content()
    assert "Petra Lods" in content and "+45 33 66 12 34" in content
    screenshot(page, f"pilot-business-{lang}")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_portfolio_moves_to_another_pilot(page, catalogue, lang):
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    owner = UserFactory(username="dorte", language=lang)
    BusinessMembershipFactory(business=business, user=owner)
    kes = staff("karen", lang, Role.KES_STAFF, first_name="Karen")
    leaving = staff("petra", lang, Role.PILOT, first_name="Petra", last_name="Lods")
    taking = staff("nina", lang, Role.PILOT, first_name="Nina", last_name="Ny")
    from cases.services import case_pilot_assign

    case = submit_case(business, owner, ["event_public_space"], CONCERT, description="Koncert")
    case_pilot_assign(case=case, pilot=leaving, by=kes)
    login(page, lang, kes.username, "/staff/pilots/reassign/")
    assert_no_axe_violations(page)
    page.select_option("#id_from_pilot", str(leaving.pk))
    page.select_option("#id_to_pilot", str(taking.pk))
    page.fill("#id_reason", "Barsel")
    screenshot(page, f"pilot-reassign-{lang}")
    press(page, lang, "Move the cases")
    assert_no_axe_violations(page)
    case.refresh_from_db()
    assert case.pilot == taking
