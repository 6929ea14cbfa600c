"""The cases' Celery tasks on beat: the service-target sweep, the public processing times."""

from celery import shared_task

from .services.processing_times import processing_times_refresh as _refresh
from .sla import services


@shared_task(name="cases.sla_sweep", ignore_result=True)
def sla_sweep() -> dict:
    """Warnings, breaches and lapsed requests that have come, each notified once."""
    result = services.sla_sweep()
    return vars(result)


@shared_task(name="cases.processing_times_refresh", ignore_result=True)
def processing_times_refresh() -> int:
    """The public processing-time figures for the last 12 months, nightly; idempotent."""
    return _refresh()
