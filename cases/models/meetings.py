"""Stjernemøde: the joint meeting of a business and every involved department, from the
triage committee's decision to the minutes.

The triage decisions are append-only rows (a proposal may be declined after a track
override brought it back). A meeting's ``uid`` and ``sequence`` are its calendar identity:
every invitation, update and cancellation carries the same UID and a higher SEQUENCE.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ..constants import MeetingStatus
from .case import Case


class TriageDecision(models.Model):
    """Visitation: the triage committee approves a proposed star meeting or declines it
    with a reason (the case then continues with a business pilot)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="triage_decisions", verbose_name=_("case")
    )
    approved = models.BooleanField(_("approved"))
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        ordering = ["case", "decided_at", "pk"]
        verbose_name = _("triage decision")
        verbose_name_plural = _("triage decisions")

    def __str__(self):
        return f"{self.case_id}: {'+' if self.approved else '-'}"


class StarMeeting(models.Model):
    """Stjernemøde: one per case, created when the triage committee approves it."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="star_meeting", verbose_name=_("case")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNING
    )
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    # [{"name": …, "email": …}]: the business's own people, who need no login.
    business_attendees = models.JSONField(_("the business's attendees"), default=list, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    planned_at = models.DateTimeField(_("planned"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("star meeting")
        verbose_name_plural = _("star meetings")
        indexes = [models.Index(fields=["status", "starts_at"], name="cases_meeting_upcoming")]

    def __str__(self):
        return f"{self.case_id}: {self.starts_at or '-'}"


class MeetingParticipant(models.Model):
    """Deltager: a member of an involved department (nominated by its lead or picked by the
    planner) or of KES who takes part in the meeting."""

    meeting = models.ForeignKey(
        StarMeeting,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("star meeting"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="meeting_participations",
        verbose_name=_("participant"),
    )
    department = models.ForeignKey(
        "routing.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "department", "pk"]
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="cases_participant_once")
        ]

    def __str__(self):
        return f"{self.meeting_id}: {self.user_id}"


class ChecklistItem(models.Model):
    """Materialeliste: one thing the business brings to the meeting, a service's required
    document or a free item; the documents uploaded for it point back to it."""

    meeting = models.ForeignKey(
        StarMeeting,
        on_delete=models.CASCADE,
        related_name="checklist",
        verbose_name=_("star meeting"),
    )
    service = models.ForeignKey(
        "intake.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    required_document_code = models.CharField(_("required document"), max_length=60, blank=True)
    label_da = models.CharField(_("label (Danish)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        language = (translation.get_language() or "da").split("-")[0]
        return (self.label_en if language == "en" else self.label_da) or self.label_da


class MeetingMinutes(models.Model):
    """Referat: who attended and what was discussed; part of the combined letter."""

    meeting = models.OneToOneField(
        StarMeeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    attendees = models.TextField(_("who attended"))
    discussion = models.TextField(_("what was discussed"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return str(self.meeting_id)


class MeetingOutcome(models.Model):
    """For each involved department: a decision given at the meeting (the decision itself
    is that department's ``Decision``), or a follow-up with its own deadline."""

    meeting = models.ForeignKey(
        StarMeeting, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("meeting")
    )
    department = models.ForeignKey(
        "routing.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    decided_at_meeting = models.BooleanField(_("decided at the meeting"))
    follow_up = models.OneToOneField(
        "cases.FollowUp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_outcome",
        verbose_name=_("follow-up"),
    )

    class Meta:
        ordering = ["meeting", "department"]
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "department"], name="cases_meeting_outcome_once"
            )
        ]

    def __str__(self):
        return f"{self.meeting_id}: {self.department_id}"
