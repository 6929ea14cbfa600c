"""The public figures of processing times, one row per catalogue service (DESIGN.md §5).

Written only by ``cases.services.processing_times_refresh`` (a nightly beat task), read by
the public page and the guide. A stored table, so a public page never aggregates a year of
decisions per request.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from routing.constants import TargetUnit


class ProcessingTimeFigure(models.Model):
    """Sagsbehandlingstid: a service's decided tasks over the rolling last 12 months.

    ``decided_count`` tasks with a service target decided in [period_start, period_end]
    (Copenhagen dates), ``within_count`` of them with net time within their own target, and
    the medians of gross and net time in ``unit`` (the unit the service's target counts in:
    business or calendar days). Medians are None without decided tasks.
    """

    service = models.OneToOneField(
        "intake.Service",
        on_delete=models.CASCADE,
        related_name="processing_time",
        verbose_name=_("service"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    decided_count = models.PositiveIntegerField(_("tasks decided"), default=0)
    within_count = models.PositiveIntegerField(_("decided within target"), default=0)
    median_gross = models.DecimalField(
        _("median gross time"), max_digits=8, decimal_places=1, null=True
    )
    median_net = models.DecimalField(
        _("median net time"), max_digits=8, decimal_places=1, null=True
    )
    unit = models.CharField(
        _("unit"), max_length=10, choices=TargetUnit.choices, default=TargetUnit.BUSINESS
    )
    refreshed_at = models.DateTimeField(_("refreshed"), default=timezone.now)

    class Meta:
        verbose_name = _("processing time figure")
        verbose_name_plural = _("processing time figures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(within_count__lte=models.F("decided_count")),
                name="cases_processing_time_within_le_decided",
            )
        ]

    def __str__(self):
        return f"{self.service_id}: {self.decided_count} ({self.period_start}–{self.period_end})"
