"""The cases' Celery tasks on beat: the service-target sweep, the public processing times
and the managers' monthly report."""

from celery import shared_task

from .services.monthly_report import monthly_report_send
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


@shared_task(name="cases.monthly_report", ignore_result=True)
def monthly_report() -> int:
    """Last month's report to every manager (once each, however often it runs)."""
    return monthly_report_send()
