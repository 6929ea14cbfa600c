"""Virksomhedslods: what a business pilot records on the cases of their portfolio.

The pilot themself is ``Case.pilot`` (one contact person per case); who held it before is
in the audit trail (``EventKind.PILOT_ASSIGNED`` events), never rewritten.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import FollowUpSource
from .case import Case


class PilotIntroduction(models.Model):
    """Introduktion: whom in a department the pilot put the business in touch with, and when."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="introductions", verbose_name=_("case")
    )
    department = models.ForeignKey(
        "routing.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    introduced_on = models.DateField(_("introduced on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["case", "introduced_on", "pk"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def __str__(self):
        return f"{self.case_id}: {self.contact_name}"


class FollowUp(models.Model):
    """Opfølgning: something a pilot (or, after a star meeting, a department) must follow up
    by a date, such as "call the department about task X".

    ``key`` makes a follow-up that a sweep creates (a task reaching its warning milestone)
    exist once however often the sweep runs; follow-ups people write have none.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("case")
    )
    task = models.ForeignKey(
        "cases.DepartmentTask",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("task"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("assigned to"),
    )
    department = models.ForeignKey(
        "routing.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=FollowUpSource.choices, default=FollowUpSource.MANUAL
    )
    text = models.TextField(_("what to follow up"))
    due_on = models.DateField(_("due"))
    key = models.CharField(_("key"), max_length=120, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    done_note = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            # A pilot's open follow-ups, the most urgent first.
            models.Index(
                fields=["assignee", "due_on", "id"],
                condition=models.Q(done_at__isnull=True),
                name="cases_followup_open",
            ),
        ]

    def __str__(self):
        return f"{self.case_id}: {self.text[:40]}"


class PilotSummary(models.Model):
    """Opsummering: the pilot's short summary to the business when the case closes; the
    combined decision letter includes it."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="pilot_summary", verbose_name=_("case")
    )
    text = models.TextField(_("summary"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("pilot's summary")
        verbose_name_plural = _("pilots' summaries")

    def __str__(self):
        return str(self.case_id)
