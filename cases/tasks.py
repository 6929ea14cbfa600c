"""The cases' Celery tasks: the service-target sweep on beat."""

from celery import shared_task

from .sla import services


@shared_task(name="cases.sla_sweep", ignore_result=True)
def sla_sweep() -> dict:
    """Warnings, breaches and lapsed requests that have come, each notified once."""
    result = services.sla_sweep()
    return vars(result)
