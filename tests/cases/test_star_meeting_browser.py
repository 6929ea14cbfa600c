"""A star meeting in a real browser, axe-checked, in Danish and English: the triage
committee approves the proposal -> KES plans the meeting and adds a participant -> the
business sees its meeting and uploads material to the checklist -> KES writes the minutes
-> the department records its outcome."""

from datetime import timedelta

import pytest
import yaml
from django.utils import timezone

from cases.constants import MeetingStatus
from cases.models import CaseDocument, StarMeeting
from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from kes.constants import Role
from routing.constants import MembershipRole
from routing.models import Department
from routing.services import membership_set, user_roles_grant
from tests.browser import assert_no_axe_violations, login, screenshot, t, tab_through
from tests.cases.helpers import PLOT, submit_case
from tests.factories import (
    BusinessFactory,
    BusinessMembershipFactory,
    UserFactory,
    file_bytes,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def submit(page, lang, label):
    page.get_by_role("button", name=t(lang, label), exact=True).first.click()
    page.wait_for_load_state()


def check(page, name):
    assert_no_axe_violations(page)
    screenshot(page, name)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_triage_plan_upload_minutes(page, lang):
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    owner = UserFactory(username="dorte", language=lang, first_name="Dorte")
    BusinessMembershipFactory(business=business, user=owner)
    kes = UserFactory(username="kes", language=lang, first_name="Karin")
    user_roles_grant(user=kes, roles=[Role.KES_STAFF])
    triage = UserFactory(username="triage", language=lang, first_name="Tove")
    user_roles_grant(user=triage, roles=[Role.TRIAGE])
    builder = UserFactory(username="builder", language=lang, first_name="Bo", last_name="Byg")
    membership_set(
        user=builder, department=Department.objects.get(code="building"), role=MembershipRole.LEAD
    )
    case = submit_case(business, kes, ["buy_municipal_plot"], PLOT, channel="counter")
    reference = case.reference

    # The triage committee approves.
    login(page, lang, "triage", "/staff/triage/")
    assert reference in page.content()
    check(page, f"meeting-triage-list-{lang}")
    page.get_by_role("link", name=f"{reference} – Demo Café ApS").click()
    page.wait_for_load_state()
    check(page, f"meeting-triage-detail-{lang}")
    # By keyboard: the decision's radio buttons and the button are reached with Tab.
    stops = tab_through(page)
    assert any(t(lang, "Record the decision") in stop for stop in stops)
    page.focus("#id_decision_0")
    page.keyboard.press("Space")
    assert page.is_checked("#id_decision_0")
    page.focus("#id_reason")
    page.keyboard.type("Fire forvaltninger skal mødes.")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert t(lang, "No proposals are waiting.") in page.content()
    meeting = StarMeeting.objects.get(case=case)

    # KES plans it: a week ahead at 10:00-12:00, and adds the building lead.
    login(page, lang, "kes", f"/staff/meetings/{reference}/")
    check(page, f"meeting-plan-{lang}")
    day = timezone.localdate() + timedelta(days=7)
    page.fill("#id_plan-day", day.strftime("%d/%m/%Y"))
    page.fill("#id_plan-starts", "10:00")
    page.fill("#id_plan-ends", "09:00")
    page.fill("#id_plan-place", "Rådhuset, lokale 12")
    submit(page, lang, "Plan and invite")
    # Ends before it starts: the form says so and nothing is planned.
    assert t(lang, "The meeting must end after it starts.") in page.content()
    check(page, f"meeting-plan-error-{lang}")
    page.fill("#id_plan-ends", "12:00")
    submit(page, lang, "Plan and invite")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert timezone.localtime(meeting.starts_at).hour == 10
    building = Department.objects.get(code="building")
    page.select_option("#id_participant-member", value=f"{building.pk}:{builder.pk}")
    submit(page, lang, "Add the participant")
    assert meeting.participants.filter(user=builder).exists()
    check(page, f"meeting-planned-{lang}")

    # The participant sees the meeting with the material.
    login(page, lang, "builder", "/staff/meetings/mine/")
    assert reference in page.content()
    check(page, f"meeting-mine-{lang}")

    # The business sees its meeting and uploads the project description.
    login(page, lang, "dorte", f"/my/cases/{reference}/")
    section = page.locator("#star-meeting")
    assert "Rådhuset, lokale 12" in section.inner_text()
    item = meeting.checklist.get(required_document_code="project_description")
    page.set_input_files(
        f"#material-{item.pk}",
        files=[{"name": "projekt.png", "mimeType": "image/png", "buffer": file_bytes("png")}],
    )
    page.locator(f"form[action$='/items/{item.pk}/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert CaseDocument.objects.filter(checklist_item=item).count() == 1
    assert "projekt.png" in page.locator("#star-meeting").inner_text()
    check(page, f"meeting-business-{lang}")

    # After the meeting KES writes the minutes.
    StarMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    login(page, lang, "kes", f"/staff/meetings/{reference}/")
    page.get_by_label("Bo Byg", exact=False).first.check()
    page.fill("#id_minutes-attendees", "Dorte Café, Bo Byg, Karin (KES)")
    page.fill("#id_minutes-discussion", "Byggeriet kan godkendes; de øvrige følger op.")
    submit(page, lang, "Record the minutes")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    check(page, f"meeting-minutes-{lang}")

    # The building department records its follow-up.
    login(page, lang, "builder", f"/staff/meetings/{reference}/")
    page.get_by_label(t(lang, "The department follows up by a date")).check()
    page.fill("#id_outcome-follow_up_text", "Sender byggetilladelsens vilkår.")
    page.fill(
        "#id_outcome-follow_up_due_on",
        (timezone.localdate() + timedelta(days=14)).strftime("%d/%m/%Y"),
    )
    submit(page, lang, "Record the outcome")
    assert meeting.outcomes.filter(department__code="building", decided_at_meeting=False).exists()
    check(page, f"meeting-outcome-{lang}")
