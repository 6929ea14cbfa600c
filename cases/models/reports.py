"""Månedsrapport: the managers' monthly PDF report, one file per month and language."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from kes.constants import Language


def report_upload_to(instance, filename):
    return f"reports/{instance.month:%Y}/{uuid.uuid4()}.pdf"


class MonthlyReport(models.Model):
    """Månedsrapport: the figures of one month as a PDF, built on the 1st of the next month.

    ``month`` is the first day of the month reported on; (month, language) is the key that
    makes building it again a no-op.
    """

    month = models.DateField(_("month"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(_("file"), upload_to=report_upload_to, max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-month", "language"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(fields=["month", "language"], name="cases_report_once")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} ({self.language})"
