"""A period answer ("2027-06-01/2027-06-30" as stored) reads as two long dates wherever a
case's answers are shown, in the language of the page; what goes to the business (the
receipt mail, its PDF, the receipt page, the business's case page, the decision letter)
never shows it raw."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cases.constants import TaskKind
from cases.receipts import render_receipt_pdf
from tests.cases.helpers import OUTDOOR_TYPED, decide_all, submit_case, worker
from tests.cases.test_receipt import pdf_text

STORED = "2027-06-01/2027-06-30"
SHOWN = {"da": "1. juni 2027 – 30. juni 2027", "en": "1 June 2027 – 30 June 2027"}


@pytest.fixture
def case(business, business_user):
    answers = {"outdoor_serving": {**OUTDOOR_TYPED["outdoor_serving"], "period": STORED}}
    return submit_case(business, business_user, ["outdoor_serving"], answers)


def _get(client, name, lang, **kwargs):
    with translation.override("da"):  # the unprefixed (Danish) path
        path = reverse(name, kwargs=kwargs)
    response = client.get(f"/en{path}" if lang == "en" else path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_staff_case_page_shows_the_period_as_dates(client, kes_user, case, lang):
    client.force_login(kes_user)
    html = _get(client, "staff_case_detail", lang, reference=case.reference)
    assert f"<td>{SHOWN[lang]}</td>" in html
    assert STORED not in html


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_task_page_shows_the_period_as_dates(client, case, lang):
    task = case.tasks.filter(kind=TaskKind.DECISION).select_related("department").first()
    client.force_login(worker(task.department.code))
    html = _get(client, "task_detail", lang, task_id=task.pk)
    assert f"<td>{SHOWN[lang]}</td>" in html
    assert STORED not in html


@pytest.mark.parametrize("lang", ["da", "en"])
def test_what_the_business_is_sent_and_shown_never_has_the_period_raw(
    client, business, business_user, django_capture_on_commit_callbacks, lang
):
    business.language = lang
    business.save()
    answers = {"outdoor_serving": {**OUTDOOR_TYPED["outdoor_serving"], "period": STORED}}
    with django_capture_on_commit_callbacks(execute=True):
        case = submit_case(business, business_user, ["outdoor_serving"], answers)
    assert case.services.get().answers["period"] == STORED
    (message,) = mail.outbox
    assert case.reference in message.body and STORED not in message.body
    for pdf in (message.attachments[0][1], render_receipt_pdf(case)):
        text = pdf_text(pdf)
        assert case.reference in text and STORED not in text
    client.force_login(business_user)
    for name in ("application_submitted", "my_case_detail"):
        assert STORED not in _get(client, name, lang, reference=case.reference), name


def test_the_decision_letter_never_has_the_period_raw(
    case, django_capture_on_commit_callbacks, mailoutbox
):
    mailoutbox.clear()  # the receipt
    with django_capture_on_commit_callbacks(execute=True):
        decide_all(case)
    (message,) = mailoutbox
    assert case.reference in message.subject and STORED not in message.body
    text = pdf_text(message.attachments[0][1])
    assert case.reference in text and STORED not in text
