"""The one combined decision letter: every department's answer, in the business's language,
rendered and mailed once after the case closes."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from cases.constants import EventKind, LetterKind, Outcome, TaskKind
from cases.decisions import decision_context
from cases.models import Letter
from cases.selectors.letters import case_for_decision_letter
from cases.services import decision_letter_send, kes_task_complete, task_decide
from kes.models import Notification
from kes.outbox import due
from tests.cases.helpers import OUTDOOR_TYPED, SMALL_EVENT, submit_case, worker

pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF's text (dev extra)")

REJECT = {
    "outcome": Outcome.REJECTED,
    "statement": "Pladsen kan ikke rumme scenen den dag.",
    "provisions": "Vejlovens paragraf 80 om brug af vejareal.",
    "way_forward": "Flyt scenen ti meter mod nord.",
    "alternatives": "Holmens Plads er ledig samme dag.",
    "complaint": "Klag til Vejdirektoratet inden fire uger.",
}
WITH_CONDITIONS = {
    "outcome": Outcome.APPROVED_WITH_CONDITIONS,
    "statement": "Trafikken kan afvikles med omkørsel.",
    "conditions": "Skilte om omkørsel skal stå fra klokken syv.",
}
APPROVE = {"outcome": Outcome.APPROVED, "statement": "Miljøforholdene er i orden."}
# Which department gives which answer on the three-department event.
ANSWERS = {"city_use": REJECT, "traffic": WITH_CONDITIONS, "environment": APPROVE}
HEADINGS = (
    "The rules the decision rests on",
    "What would make your project approvable",
    "Alternatives",
    "How to complain",
)


def decide_all(case, capture, answers=ANSWERS):
    """Decide every department task; the last one closes the case and, after commit,
    the letter is rendered and sent."""
    tasks = list(case.tasks.filter(kind=TaskKind.DECISION).select_related("department"))
    *first, last = tasks
    for task in first:
        task_decide(task=task, by=worker(task.department.code), **answers[task.department.code])
    with capture(execute=True):
        task_decide(task=last, by=worker(last.department.code), **answers[last.department.code])


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def in_language(language, msgid):
    with translation.override(language):
        return gettext(msgid)


@pytest.mark.parametrize(
    ("language", "service_name", "departments"),
    [
        (
            "da",
            "Arrangement på vej, plads eller i park",
            ["Center for Byens Anvendelse", "Center for Trafik", "Center for Miljøbeskyttelse"],
        ),
        (
            "en",
            "Event on a street, square or in a park",
            ["Centre for City Use", "Centre for Traffic", "Centre for Environmental Protection"],
        ),
    ],
)
def test_one_letter_gathers_every_department_in_the_business_language(
    business,
    business_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
    language,
    service_name,
    departments,
):
    business.language = language
    business.save()
    case = submit_case(business, business_user, ["event_public_space"], SMALL_EVENT)
    assert case.tasks.filter(kind=TaskKind.DECISION).count() == 3
    decide_all(case, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [business.email]
    assert case.reference in message.subject
    assert message.subject == in_language(language, "Decision on your request %(reference)s") % {
        "reference": case.reference
    }
    ((name, pdf, content_type),) = message.attachments
    assert (name, content_type) == (f"{case.reference}-decision.pdf", "application/pdf")
    assert pdf.startswith(b"%PDF")

    text = pdf_text(pdf)
    assert case.reference in text and business.name in text and service_name in text
    for department in departments:
        assert department in text, department
        assert department in message.body, department
    for answer in ANSWERS.values():
        assert answer["statement"] in text, answer["statement"]
    assert WITH_CONDITIONS["conditions"] in text
    for part in ("provisions", "way_forward", "alternatives", "complaint"):
        assert REJECT[part] in text, part
    for heading in (*HEADINGS, "Conditions", "Decision on your request"):
        assert in_language(language, heading) in text, heading
    for outcome in ("Approved", "Approved with conditions", "Rejected"):
        assert in_language(language, outcome) in text, outcome
    if language == "en":
        assert "The rules the decision rests on" in text
        assert "Approved with conditions" in message.body
    # Self-service: the business applied alone, no "next time" advice.
    assert in_language(language, "Next time you can do it yourself") not in text

    letter = Letter.objects.get(case=case, kind=LetterKind.DECISION)
    assert letter.language == language and letter.sent_at is not None
    assert letter.file.read() == pdf
    (event,) = case.events.filter(kind=EventKind.LETTER_SENT)
    assert event.data == {
        "letter": letter.pk,
        "kind": "decision",
        "to": business.email,
        "language": language,
    }


def test_sending_again_sends_nothing(
    business, business_user, mailoutbox, django_capture_on_commit_callbacks
):
    case = submit_case(business, business_user, ["event_public_space"], SMALL_EVENT)
    decide_all(case, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    letter = Letter.objects.get(case=case, kind=LetterKind.DECISION)
    stored = letter.file.name

    again = decision_letter_send(case_id=case.pk)

    assert again.pk == letter.pk and again.file.name == stored
    assert len(mailoutbox) == 1
    assert case.events.filter(kind=EventKind.LETTER_SENT).count() == 1


def test_a_letter_whose_enqueue_was_lost_stays_in_the_outbox_until_sent(
    business, business_user, mailoutbox
):
    case = submit_case(business, business_user, ["event_public_space"], SMALL_EVENT)
    for task in case.tasks.select_related("department"):  # no commit: nothing is enqueued
        task_decide(task=task, by=worker(task.department.code), **APPROVE)
    letter = Notification.objects.get(key=f"cases.decision_letter:{case.pk}")
    assert letter.state == "pending"
    assert due(now=timezone.now()) == []  # its own enqueue may still come
    later = timezone.now() + timedelta(minutes=5)
    assert letter.pk in due(now=later)

    decision_letter_send(case_id=case.pk)

    assert len(mailoutbox) == 1


def test_an_open_case_gets_no_letter(business, business_user, mailoutbox):
    case = submit_case(business, business_user, ["event_public_space"], SMALL_EVENT)
    assert decision_letter_send(case_id=case.pk) is None
    assert mailoutbox == []
    assert not Letter.objects.filter(case=case, kind=LetterKind.DECISION).exists()


def test_an_assisted_case_shows_how_to_do_it_yourself_next_time(
    business, kes_user, mailoutbox, django_capture_on_commit_callbacks
):
    case = submit_case(business, kes_user, ["event_public_space"], SMALL_EVENT, channel="counter")
    assert case.track == "assisted"
    everyone_approves = dict.fromkeys(ANSWERS, APPROVE)
    decide_all(case, django_capture_on_commit_callbacks, answers=everyone_approves)

    (message,) = mailoutbox
    text = pdf_text(message.attachments[0][1])
    for msgid in (
        "Next time you can do it yourself",
        "Find the permits your project needs with the guide on the portal.",
    ):
        assert in_language("da", msgid) in text, msgid
        assert in_language("da", msgid) in message.body, msgid
    # No rejection, so no constructive headings.
    assert in_language("da", "What would make your project approvable") not in text


def test_an_immediate_question_letter_carries_the_answer(
    business, business_user, kes_user, mailoutbox, django_capture_on_commit_callbacks
):
    business.language = "en"
    business.save()
    case = submit_case(business, business_user, ["sign_rules"], {})
    task = case.tasks.get()
    with django_capture_on_commit_callbacks(execute=True):
        kes_task_complete(
            task=task, by=kes_user, topic="Signs on the facade", answer="One sign per shop."
        )
    (message,) = mailoutbox
    text = pdf_text(message.attachments[0][1])
    assert "The answer to your question" in text
    assert "Signs on the facade" in text and "One sign per shop." in text
    assert "One sign per shop." in message.body


def test_the_letter_reads_its_case_in_constant_queries(
    business, business_user, django_capture_on_commit_callbacks
):
    def queries_for(services, answers):
        case = submit_case(business, business_user, services, answers)
        for task in case.tasks.select_related("department"):
            task_decide(task=task, by=worker(task.department.code), **APPROVE)
        with CaptureQueriesContext(connection) as queries:
            context = decision_context(case_for_decision_letter(case.pk))
            assert all(service["decisions"] for service in context["services"])
        return len(queries)

    one = queries_for(["outdoor_serving"], OUTDOOR_TYPED)
    three = queries_for(["event_public_space", "outdoor_serving"], {**SMALL_EVENT, **OUTDOOR_TYPED})
    assert one == three
