"""Beat tasks of free advice: the reminders the day before and the offers that lapse.
Each is one set-based sweep; running it twice sends nothing twice (outbox keys)."""

from celery import shared_task

from .services import offers_expire, reminders_send


@shared_task(name="advisory.send_reminders", ignore_result=True)
def send_reminders() -> int:
    return reminders_send()


@shared_task(name="advisory.expire_offers", ignore_result=True)
def expire_offers() -> int:
    return offers_expire()
