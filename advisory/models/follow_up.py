"""Outreach visits and the yearly "still in business?" check."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .offerings import PartnerHub


class OutreachVisit(models.Model):
    """Opsøgende besøg: an advisor's visit to a hub; the topics businesses raised feed
    the strategy (governance document 3.2.3)."""

    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advisory_visits"
    )
    hub = models.ForeignKey(PartnerHub, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(_("date"))
    businesses_met = models.PositiveIntegerField(_("businesses met"), default=0)
    businesses = models.TextField(_("which businesses"), blank=True, max_length=2000)
    # Topic codes (advisory.constants.Topic) raised by the businesses.
    topics = models.JSONField(_("topics raised"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-visited_on", "pk"]
        verbose_name = _("outreach visit")
        verbose_name_plural = _("outreach visits")

    def __str__(self):
        return f"{self.hub} {self.visited_on}"


class SurvivalCheck(models.Model):
    """Overlevelsestjek: whether a business was still active in CVR in a year (recorded by
    staff for now), to compare the survival of advised businesses with the rest."""

    cvr = models.CharField(_("CVR number"), max_length=8)
    name = models.CharField(_("name"), max_length=200, blank=True)
    started_year = models.PositiveSmallIntegerField(_("year the business started"))
    year = models.PositiveSmallIntegerField(_("year checked"))
    active = models.BooleanField(_("still active"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)

    class Meta:
        ordering = ["cvr", "year"]
        verbose_name = _("survival check")
        verbose_name_plural = _("survival checks")
        constraints = [
            models.UniqueConstraint(fields=["cvr", "year"], name="advisory_survival_once_a_year")
        ]

    def __str__(self):
        return f"{self.cvr} {self.year}"
