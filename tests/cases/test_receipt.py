import io
from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.models import Letter
from cases.pdf import STATIC_ORIGIN, _static_file
from cases.receipts import render_receipt_pdf
from kes.models import Notification
from kes.tasks import deliver_notification, relay_notifications
from tests.cases.helpers import CONCERT, OUTDOOR_TYPED, submit_case

pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF's text (dev extra)")

# A Monday; 20 business days later, with Ascension Day (14 May) and Whit Monday (25 May)
# 2026 off, is Wednesday 27 May 2026. facade_sign counts 40 calendar days: 6 June 2026.
RECEIVED = timezone.make_aware(datetime(2026, 4, 27, 10, 0))


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def submit(business, user, **overrides):
    """At the counter: outdoor serving and a facade sign, received on RECEIVED."""
    values = {
        "channel": "counter",
        "services": ["outdoor_serving", "facade_sign"],
        "answers": {
            **OUTDOOR_TYPED,
            "facade_sign": {"sign_placement": "facade", "illuminated": False},
        },
        "description": "Udeservering og skilt",
        "received_at": RECEIVED,
    }
    values.update(overrides)
    return submit_case(business, user, **values)


@pytest.mark.parametrize(
    ("language", "subject", "phrases"),
    [
        (
            "da",
            None,  # the Danish texts come with the lead's translation pass
            ["27. maj 2026", "6. juni 2026", "Udeservering foran café eller restaurant"],
        ),
        (
            "en",
            "Receipt for your request",
            ["27 May 2026", "6 June 2026", "Outdoor serving outside a café or restaurant"],
        ),
    ],
)
def test_the_receipt_is_mailed_once_after_commit_in_the_business_language(
    business, kes_user, django_capture_on_commit_callbacks, language, subject, phrases
):
    business.language = language
    business.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = submit(business, kes_user)
        assert mail.outbox == []  # nothing before commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [business.email]
    assert case.reference in message.subject
    if subject:
        assert message.subject.startswith(subject)
    for phrase in phrases:
        assert phrase in message.body, phrase
    ((name, pdf, content_type),) = message.attachments
    assert (name, content_type) == (f"{case.reference}.pdf", "application/pdf")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert case.reference in text
    for phrase in phrases:
        assert phrase in text, phrase

    letter = Letter.objects.get(case=case)
    assert (letter.kind, letter.language) == ("receipt", language)
    assert letter.sent_at is not None
    assert letter.file.read() == pdf
    assert case.events.filter(kind="receipt_sent").count() == 1

    notification = Notification.objects.get(key=f"cases.receipt:{case.pk}")
    assert notification.state == "sent" and notification.attempts == 1
    deliver_notification.delay(notification.pk)  # a retry or a second enqueue sends nothing
    deliver_notification(notification.pk)
    assert len(mail.outbox) == 1
    assert case.events.filter(kind="receipt_sent").count() == 1


def test_the_receipt_names_the_authorities_and_how_to_complain(
    business, business_user, django_capture_on_commit_callbacks, settings
):
    business.language = "en"
    business.save()
    with django_capture_on_commit_callbacks(execute=True):
        case = submit_case(
            business, business_user, ["event_public_space"], CONCERT, description="Koncert"
        )
    body = mail.outbox[0].body
    text = pdf_text(mail.outbox[0].attachments[0][1])
    for content in (body, text):
        assert "Police" in content or "police" in content
        assert "complaint guidance" in content
        assert settings.KES_CONTACT["email"] in content
        assert "business pilot" in content
    assert case.reference in text


def test_a_quick_answer_receipt_repeats_the_answer(
    business, kes_user, django_capture_on_commit_callbacks
):
    business.language = "en"
    business.save()
    with django_capture_on_commit_callbacks(execute=True):
        case = submit_case(
            business,
            kes_user,
            ["sign_rules"],
            {},
            channel="counter",
            description="Skilte på facaden",
            immediate_answer={"topic": "Facadeskilte", "text": "Følg skiltereglerne."},
        )
    assert case.status == "closed"
    assert "Følg skiltereglerne." in mail.outbox[0].body
    text = pdf_text(mail.outbox[0].attachments[0][1])
    assert "Følg skiltereglerne." in text
    assert "No fixed target" in text
    assert "KES answered your question at once" in text


def test_nothing_is_sent_when_the_submission_rolls_back(
    business, business_user, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        submit(business, business_user)  # a business may not use the counter
    assert callbacks == [] and mail.outbox == []


def test_the_pdf_only_loads_the_projects_static_files():
    assert _static_file(f"{STATIC_ORIGIN}kes/letter.css").name == "letter.css"
    for url in (
        "https://example.com/kes/letter.css",
        "file:///etc/passwd",
        f"{STATIC_ORIGIN}../../etc/passwd",
        f"{STATIC_ORIGIN}kes/%2e%2e/%2e%2e/settings.py",
        f"{STATIC_ORIGIN}kes/no-such-file.css",
    ):
        with pytest.raises(ValueError):
            _static_file(url)


def test_the_pdf_embeds_the_design_system_font(business, kes_user):
    case = submit(business, kes_user)
    pdf = render_receipt_pdf(case, language="da")
    fonts = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("IBM-Plex-Sans" in font for font in fonts), fonts


def test_the_outbox_relay_sends_receipts_whose_enqueue_was_lost(business, business_user):
    # No commit in this test: the after-commit enqueue never runs.
    case = submit_case(business, business_user, ["sign_rules"], {}, description="Skilte")
    assert relay_notifications() == 0  # too young: its own enqueue may still come
    assert mail.outbox == []
    Notification.objects.update(next_attempt_at=timezone.now())
    assert relay_notifications() == 1
    assert len(mail.outbox) == 1 and case.reference in mail.outbox[0].subject
    Notification.objects.update(next_attempt_at=timezone.now())
    assert relay_notifications() == 0


def test_a_failed_send_keeps_the_pdf_and_the_retry_sends_once(business, business_user, monkeypatch):
    from django.core.mail import EmailMessage

    from cases.services import letters, receipt_send

    case = submit_case(business, business_user, ["sign_rules"], {}, description="Skilte")
    original_send = EmailMessage.send

    def failing_send(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", failing_send)
    with pytest.raises(OSError):
        receipt_send(case_id=case.pk)
    letter = Letter.objects.get(case=case)
    assert letter.file and letter.sent_at is None
    stored_name = letter.file.name

    monkeypatch.setattr(EmailMessage, "send", original_send)
    rendered = []
    monkeypatch.setattr(letters, "render_receipt_pdf", lambda *a, **k: rendered.append(1))
    receipt_send(case_id=case.pk)
    receipt_send(case_id=case.pk)
    letter.refresh_from_db()
    assert letter.sent_at is not None and letter.file.name == stored_name
    assert rendered == []  # the stored PDF was reused
    assert len(mail.outbox) == 1
