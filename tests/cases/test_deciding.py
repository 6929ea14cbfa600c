"""Deciding in two steps: the form, then the letter's preview and a confirmation.

Nothing is stored or sent before the confirmation; the parts of other outcomes are
dropped; the complaint route starts from the catalogue; deciding takes the task."""

import io

import pytest
from django.core import signing

from cases.constants import EventKind, LetterKind, NotificationKind, Outcome, TaskStatus
from cases.decision_parts import OUTCOME_PARTS, PARTS, outcomes_of, parts_kept
from cases.decisions import decision_context, render_decision_pdf
from cases.models import CaseEvent, Decision, Letter
from cases.selectors.letters import case_for_decision_letter
from cases.services import task_decide
from cases.views.deciding import DRAFT_SALT
from kes.models import Notification
from tests.cases.helpers import OUTDOOR, submit_case, worker

CONSTRUCTIVE = {
    "provisions": "Vejlovens § 80.",
    "way_forward": "Et mindre areal.",
    "alternatives": "Pladsen ved siden af.",
    "complaint": "Klag til Vejdirektoratet inden 4 uger.",
}
REJECTION = {"outcome": Outcome.REJECTED, "statement": "Nej, for stort.", **CONSTRUCTIVE}


@pytest.fixture
def task(catalogue, business, business_user):
    return submit_case(business, business_user, ["outdoor_serving"], OUTDOOR).tasks.get()


def url(task):
    return f"/staff/tasks/{task.pk}/decide/"


def _nothing_decided(task):
    assert not Decision.objects.exists()
    assert not Notification.objects.filter(kind=NotificationKind.DECISION_LETTER).exists()
    assert not Letter.objects.filter(kind=LetterKind.DECISION).exists()
    assert not CaseEvent.objects.filter(kind=EventKind.DECIDED).exists()
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN and task.assignee_id is None


# --- the rule: which parts belong to which outcome -------------------------------------


@pytest.mark.parametrize(
    ("outcome", "kept"),
    [
        (Outcome.APPROVED, set()),
        (Outcome.APPROVED_WITH_CONDITIONS, {"conditions", "complaint"}),
        (Outcome.REJECTED, {"provisions", "way_forward", "alternatives", "complaint"}),
        ("nonsense", set()),
    ],
)
def test_only_the_parts_of_the_outcome_are_kept(outcome, kept):
    texts = dict.fromkeys(PARTS, "x")
    assert {part for part, text in parts_kept(outcome, texts).items() if text} == kept


@pytest.mark.parametrize("part", PARTS)
def test_each_part_belongs_to_the_outcomes_that_list_it(part):
    assert set(outcomes_of(part)) == {o for o, parts in OUTCOME_PARTS.items() if part in parts}


# --- preview, confirm, change ----------------------------------------------------------


def test_the_preview_shows_the_letter_and_stores_nothing(client, caseworker_user, task):
    client.force_login(caseworker_user)
    response = client.post(url(task), REJECTION)
    assert response.status_code == 200
    body = response.content.decode()
    assert "data-letter-preview" in body
    assert "Nej, for stort." in body and "Et mindre areal." in body
    assert task.case.reference in body
    # The signature block names the caseworker and the department.
    name = caseworker_user.get_full_name() or caseworker_user.username
    assert name in body and task.department.name in body
    assert 'name="confirm" value="1"' in body
    _nothing_decided(task)


def test_confirming_records_the_decision_takes_the_task_and_sends_the_letter(
    client, caseworker_user, task
):
    client.force_login(caseworker_user)
    draft = client.post(url(task), REJECTION).context["draft"]
    response = client.post(url(task), {"draft": draft, "confirm": "1"})
    assert response.status_code == 302
    decision = Decision.objects.get(task=task)
    assert (decision.outcome, decision.way_forward) == (Outcome.REJECTED, "Et mindre areal.")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.assignee_id == caseworker_user.pk
    taken = CaseEvent.objects.get(kind=EventKind.TASK_ASSIGNED, case=task.case)
    assert taken.actor_id == caseworker_user.pk and taken.data["to"] == caseworker_user.pk
    assert Letter.objects.filter(case=task.case, kind=LetterKind.DECISION).exists()


def test_changing_the_decision_brings_the_form_back_with_the_entries(client, caseworker_user, task):
    client.force_login(caseworker_user)
    draft = client.post(url(task), REJECTION).context["draft"]
    response = client.post(url(task), {"draft": draft, "edit": "1"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["statement"] == "Nej, for stort."
    assert form.initial["way_forward"] == "Et mindre areal."
    assert "Et mindre areal." in response.content.decode()
    _nothing_decided(task)


@pytest.mark.parametrize("who", ["tampered", "another caseworker"])
def test_a_draft_that_is_not_the_previewed_one_is_refused(client, caseworker_user, task, who):
    client.force_login(caseworker_user)
    draft = client.post(url(task), REJECTION).context["draft"]
    if who == "tampered":
        draft = draft[:-3] + ("aaa" if not draft.endswith("aaa") else "bbb")
    else:
        client.force_login(worker("city_use"))
    response = client.post(url(task), {"draft": draft, "confirm": "1"})
    assert response.status_code == 200 and "form" in response.context
    _nothing_decided(task)


def test_a_draft_of_another_task_is_refused(client, caseworker_user, task, business, business_user):
    other = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR).tasks.get()
    client.force_login(caseworker_user)
    draft = client.post(url(other), REJECTION).context["draft"]
    client.post(url(task), {"draft": draft, "confirm": "1"})
    assert not Decision.objects.exists()


def test_parts_of_another_outcome_are_dropped(client, caseworker_user, task):
    client.force_login(caseworker_user)
    posted = {
        "outcome": Outcome.APPROVED,
        "statement": "Ja.",
        "conditions": "Kl. 22",
        **CONSTRUCTIVE,
    }
    response = client.post(url(task), posted)
    data = signing.loads(response.context["draft"], salt=DRAFT_SALT)["data"]
    assert {part: data[part] for part in PARTS} == dict.fromkeys(PARTS, "")
    assert "Et mindre areal." not in response.content.decode()
    client.post(url(task), {"draft": response.context["draft"], "confirm": "1"})
    decision = Decision.objects.get(task=task)
    assert (decision.conditions, decision.complaint, decision.way_forward) == ("", "", "")


def test_the_form_marks_each_part_with_its_outcomes(client, caseworker_user, task):
    client.force_login(caseworker_user)
    body = client.get(url(task)).content.decode()
    assert 'data-outcomes="approved_with_conditions"' in body  # conditions
    assert 'data-outcomes="approved_with_conditions rejected"' in body  # complaint
    assert 'data-outcomes="rejected"' in body  # the constructive rejection's fieldset


@pytest.mark.parametrize(
    ("language", "words"), [("da", "Vejdirektoratet"), ("en", "Road Directorate")]
)
def test_the_complaint_route_starts_from_the_catalogue_in_the_businesss_language(
    client, caseworker_user, task, business, language, words
):
    business.language = language
    business.save(update_fields=["language"])
    client.force_login(caseworker_user)
    form = client.get(url(task)).context["form"]
    assert words in form.initial["complaint"]


def test_a_refused_rejection_shows_no_preview(client, caseworker_user, task):
    client.force_login(caseworker_user)
    response = client.post(url(task), {"outcome": Outcome.REJECTED, "statement": "Nej"})
    assert response.status_code == 200 and "draft" not in response.context
    assert set(response.context["form"].errors) == {
        "provisions",
        "way_forward",
        "alternatives",
        "complaint",
    }
    _nothing_decided(task)


def test_the_pages_render_in_english(client, caseworker_user, task):
    client.force_login(caseworker_user)
    body = client.post(f"/en{url(task)}", REJECTION).content.decode()
    assert "<h1>Check the letter before it is sent</h1>" in body
    # The letter is in the business's language (Danish here), whatever the page's.
    assert 'lang="da" data-letter-preview' in body


def test_the_decision_letter_pdf_is_signed_by_the_caseworker_and_department(caseworker_user, task):
    from pypdf import PdfReader

    caseworker_user.first_name, caseworker_user.last_name = "Sanne", "Sagsbehandler"
    caseworker_user.save()
    task_decide(task=task, by=caseworker_user, outcome=Outcome.APPROVED, statement="Ja.")
    case = case_for_decision_letter(task.case_id)
    signed = decision_context(case)["services"][0]["decisions"][0]
    assert signed["caseworker"] == "Sanne Sagsbehandler"
    pdf = render_decision_pdf(case)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Sanne Sagsbehandler" in text and signed["department"] in text
