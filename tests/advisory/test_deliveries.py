"""The outbox delivers free advice's mails in the person's language, with their link, and
sends nothing that is out of date (an offer taken, a booking cancelled)."""

import pytest
from django.utils import timezone

from advisory.constants import NotificationKind
from advisory.services import offer_accept, registration_cancel, reminders_send
from kes import outbox
from kes.constants import NotificationState
from kes.models import Notification

from .helpers import course, session, sign_up

pytestmark = pytest.mark.django_db


def deliver(kind):
    for row in Notification.objects.filter(kind=kind, state=NotificationState.PENDING):
        outbox.deliver(row.pk)


def test_mails_in_the_persons_language_with_the_link(mailoutbox):
    on = session(
        capacity=3, offering=course(title_en="Starting a business", title_da="Start en virksomhed")
    )
    sign_up(on, 1, language="en")
    sign_up(on, 2, language="da")
    deliver(NotificationKind.REGISTERED)
    english, danish = sorted(mailoutbox, key=lambda m: m.to[0])
    assert "Starting a business" in english.subject and "/en/advice/registrations/" in english.body
    assert "Start en virksomhed" in danish.subject and "/advice/registrations/" in danish.body
    assert "/en/" not in danish.body


def test_an_offer_taken_before_its_mail_is_not_mailed_again(mailoutbox):
    on = session(capacity=1)
    seated, waiting = sign_up(on, 1), sign_up(on, 2)
    registration_cancel(registration_id=seated.pk)
    offer_accept(registration_id=waiting.pk)
    deliver(NotificationKind.OFFER)
    assert mailoutbox == []
    assert Notification.objects.get(kind=NotificationKind.OFFER).state == NotificationState.SENT


def test_reminders_go_out_through_the_relay_once(mailoutbox):
    tomorrow = timezone.localtime() + timezone.timedelta(days=1)
    on = session(capacity=3, starts_at=tomorrow)
    sign_up(on, 1)
    reminders_send()
    reminders_send()
    ids = outbox.due(now=timezone.now() + timezone.timedelta(seconds=1))
    for pk in ids:
        outbox.deliver(pk)
    reminders = [m for m in mailoutbox if "I morgen" in m.subject or "Tomorrow" in m.subject]
    assert len(reminders) == 1
