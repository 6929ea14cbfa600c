"""Cases through the departments in a real browser, axe-checked, in Danish and English.

- outdoor serving decided by one department: queue → take → complete → approve → the
  business sees the decision and downloads the letter;
- an event decided by three departments: one asks for information, the business answers
  in the portal with a file, a rejection without its constructive parts is refused by the
  form, then every department decides and the business downloads the combined letter,
  whose text (extracted from the PDF) holds each department's statement.

Labels are looked up through the catalogue (gettext), so the test reads the page the way
a person does, in the language under test.
"""

import io
from datetime import timedelta

import pytest
import yaml
from django.utils import timezone, translation

from cases.constants import CaseStatus
from cases.models import Case
from intake.catalogue import DEFAULT_CATALOGUE
from intake.services import catalogue_load
from routing.calendar import local_date
from routing.models import Department
from routing.services import membership_set
from tests.browser import assert_no_axe_violations, login, prefix, screenshot, t
from tests.cases.helpers import OUTDOOR_TYPED, SMALL_EVENT, submit_case
from tests.factories import (
    BusinessFactory,
    BusinessMembershipFactory,
    UserFactory,
    file_bytes,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PNG = file_bytes("png")  # uploads are opened: the PNG must be a real one


@pytest.fixture
def catalogue():
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))


def business_of(lang):
    business = BusinessFactory(cvr="12345607", name="Demo Café ApS", language=lang)
    user = UserFactory(username="dorte", language=lang, first_name="Dorte")
    BusinessMembershipFactory(business=business, user=user)
    return business, user


def caseworker(code, lang):
    user = UserFactory(username=f"cw-{code}", language=lang, first_name=code)
    membership_set(user=user, department=Department.objects.get(code=code))
    return user


def click(page, lang, label, role="button", exact=True):
    # Deciding the last task renders the letter in-process (Celery eager): allow time.
    page.get_by_role(role, name=t(lang, label), exact=exact).first.click(timeout=60_000)
    page.wait_for_load_state()


def decide(page, lang, task, outcome, statement, **parts):
    page.goto(f"{prefix(lang)}/staff/tasks/{task.pk}/")
    assert_no_axe_violations(page)
    if page.get_by_role("button", name=t(lang, "Take the task"), exact=True).count():
        click(page, lang, "Take the task")
    click(page, lang, "Decide", role="link")
    page.get_by_label(t(lang, outcome), exact=True).check()
    page.fill("#id_statement", statement)
    for field, text in parts.items():
        page.fill(f"#id_{field}", text)
    click(page, lang, "Preview the letter")
    # The letter is previewed first and sent only once confirmed; a refused form has no preview.
    if page.locator("[data-letter-preview]").count():
        assert statement in page.locator("[data-letter-preview]").inner_text()
        click(page, lang, "Confirm and send the decision")


def download_letter(page, lang):
    link = page.get_by_role("link", name=f"{t(lang, 'Decision letter')} (PDF)")
    with page.expect_download() as info:
        link.click()
    from pypdf import PdfReader

    data = info.value.path().read_bytes()
    assert data.startswith(b"%PDF")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_outdoor_serving_is_decided_by_one_department(page, catalogue, lang):
    business, owner = business_of(lang)
    case = submit_case(
        business,
        owner,
        ["outdoor_serving"],
        OUTDOOR_TYPED,
        description="Seks borde foran caféen",
    )
    worker = caseworker("city_use", lang)

    login(page, lang, worker.username, "/staff/queue/")
    assert case.reference in page.content()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=case.reference).first.click()
    page.wait_for_load_state()
    click(page, lang, "Take the task")
    click(page, lang, "The application is complete")
    assert_no_axe_violations(page)
    decide(page, lang, case.tasks.get(), "Approved", "Seks borde er i orden.")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED

    login(page, lang, owner.username, f"/my/cases/{case.reference}/")
    assert_no_axe_violations(page)
    assert "Seks borde er i orden." in page.content()
    text = download_letter(page, lang)
    assert "Seks borde er i orden." in text and case.reference in text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_event_at_three_departments_with_a_request_a_refused_no_and_one_letter(
    page, catalogue, lang
):
    business, owner = business_of(lang)
    case = submit_case(
        business, owner, ["event_public_space"], SMALL_EVENT, description="Gadefest på pladsen"
    )
    tasks = list(case.tasks.select_related("department").order_by("department__code"))
    assert len(tasks) == 3
    asking = tasks[0]

    # One department asks for a site plan.
    login(page, lang, caseworker(asking.department.code, lang).username, "/staff/inbox/")
    page.goto(f"{prefix(lang)}/staff/tasks/{asking.pk}/")
    click(page, lang, "Take the task")
    click(page, lang, "Request information", role="link")
    assert_no_axe_violations(page)
    page.fill("#id_text", "Send en skitse over pladsen.")
    due = local_date(timezone.now()) + timedelta(days=14)
    page.fill("#id_due_on", due.strftime("%d/%m/%Y"))
    click(page, lang, "Send the request")
    asking.refresh_from_db()
    assert asking.status == "waiting"

    # The business answers in the portal with a file.
    login(page, lang, owner.username, f"/my/cases/{case.reference}/")
    assert "Send en skitse over pladsen." in page.content()
    assert_no_axe_violations(page)
    # The link names the department for screen readers: "Answer the request from …".
    click(page, lang, "Answer the request", role="link", exact=False)
    assert_no_axe_violations(page)
    page.fill("#id_text", "Skitsen er vedhæftet.")
    page.set_input_files(
        "#id_files", files=[{"name": "skitse.png", "mimeType": "image/png", "buffer": PNG}]
    )
    click(page, lang, "Send the answer")
    asking.refresh_from_db()
    assert asking.status == "in_review" and asking.paused_since is None

    # A rejection without the constructive parts is refused by the form.
    rejecting = tasks[1]
    login(page, lang, caseworker(rejecting.department.code, lang).username, "/staff/queue/")
    decide(page, lang, rejecting, "Rejected", "Scenen er for stor.")
    assert page.locator(".error-summary, .alert-error").count() >= 1
    assert_no_axe_violations(page)
    rejecting.refresh_from_db()
    assert rejecting.status != "done"
    decide(
        page,
        lang,
        rejecting,
        "Rejected",
        "Scenen er for stor.",
        provisions="Vejloven kræver fri passage for udrykning.",
        way_forward="En scene på højst 6 meter kan godkendes.",
        alternatives="Holmens Plads er ledig samme dag.",
        complaint="Klag til Vejdirektoratet inden fire uger.",
    )

    # The last two decide; the case closes and one letter gathers every statement.
    login(page, lang, caseworker(asking.department.code, lang).username, "/staff/inbox/")
    decide(page, lang, asking, "Approved", "Skitsen viser en god plan.")
    last = tasks[2]
    login(page, lang, caseworker(last.department.code, lang).username, "/staff/queue/")
    decide(
        page,
        lang,
        last,
        "Approved with conditions",
        "Støjen er i orden.",
        conditions="Slut kl. 22.",
    )
    case = Case.objects.get(pk=case.pk)
    assert case.status == CaseStatus.CLOSED
    assert case.letters.filter(kind="decision").count() == 1

    login(page, lang, owner.username, f"/my/cases/{case.reference}/")
    assert_no_axe_violations(page)
    text = " ".join(download_letter(page, lang).split())
    for statement in (
        "Skitsen viser en god plan.",
        "Scenen er for stor.",
        "Støjen er i orden.",
        "Slut kl. 22.",
        "Holmens Plads er ledig samme dag.",
        "Klag til Vejdirektoratet inden fire uger.",
    ):
        assert statement in text, statement
    with translation.override(lang):
        for task in tasks:
            assert " ".join(task.department.name.split()) in text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_kes_answers_a_digital_question_from_its_queue(page, catalogue, lang):
    from kes.constants import Role
    from routing.services import user_roles_grant

    business, owner = business_of(lang)
    case = submit_case(
        business, owner, ["sign_rules"], {}, description="Må vi hænge et skilt over døren?"
    )
    kes = UserFactory(username="karen", language=lang)
    user_roles_grant(user=kes, roles=[Role.KES_STAFF])
    login(page, lang, kes.username, "/staff/queue/")
    assert case.reference in page.content()
    assert_no_axe_violations(page)
    page.goto(f"{prefix(lang)}/staff/tasks/{case.tasks.get().pk}/")
    assert_no_axe_violations(page)
    page.fill("#id_topic", "Skilt over døren")
    page.fill("#id_answer", "Et skilt på facaden kræver ikke tilladelse under 1 m².")
    click(page, lang, "Send the answer")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    login(page, lang, kes.username, "/staff/inbox/")
    assert_no_axe_violations(page)

    login(page, lang, owner.username, "/my/cases/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=case.reference).first.click()
    page.wait_for_load_state()
    assert "kræver ikke tilladelse" in page.content()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_staff_follow_the_case_page_to_its_full_audit_trail(page, catalogue, lang):
    from cases.constants import EventKind
    from cases.models import CaseEvent
    from cases.selectors.staff_case import TIMELINE_LATEST
    from kes.constants import Role
    from routing.services import user_roles_grant

    business, owner = business_of(lang)
    case = submit_case(business, owner, ["outdoor_serving"], OUTDOOR_TYPED, description="Borde")
    kes = UserFactory(username="karen", language=lang, first_name="Karen")
    user_roles_grant(user=kes, roles=[Role.KES_STAFF])
    earlier = timezone.now() - timedelta(days=1)
    CaseEvent.objects.bulk_create(  # a case looked at many times: the trail has pages
        CaseEvent(
            case=case,
            kind=EventKind.CASE_VIEWED if number % 3 else EventKind.NOTE_ADDED,
            at=earlier - timedelta(minutes=number),
            actor=kes,
        )
        for number in range(180)
    )
    login(page, lang, kes.username, f"/staff/cases/{case.reference}/")
    assert page.locator("#audit ~ div table tbody tr").count() == TIMELINE_LATEST
    assert t(lang, "Case viewed by staff") not in page.locator("#audit ~ div table").inner_text()
    assert_no_axe_violations(page)
    screenshot(page, f"staff-case-timeline-{lang}")

    page.locator(f"a[href='{prefix(lang)}/staff/cases/{case.reference}/audit/']").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/staff/cases/{case.reference}/audit/")
    heading = t(lang, "Audit trail of case %(reference)s") % {"reference": case.reference}
    assert page.locator("h1").inner_text() == heading
    assert page.locator("table tbody tr").count() == 50
    assert t(lang, "Case viewed by staff") in page.locator("table").inner_text()
    assert page.locator("nav.pagination a.current-page").inner_text().endswith("1")
    assert_no_axe_violations(page)
    screenshot(page, f"staff-case-audit-{lang}")

    page.locator("nav.pagination a.button-next").click()
    page.wait_for_load_state()
    assert page.locator("nav.pagination a.current-page").inner_text().endswith("2")
    assert_no_axe_violations(page)
    page.locator("nav.breadcrumbs").get_by_role("link", name=case.reference).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/staff/cases/{case.reference}/")
