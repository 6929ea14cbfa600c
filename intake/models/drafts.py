"""Applications on their way: the wizard's drafts, their uploads, and what a sent draft became."""

import uuid
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import Channel


def _draft_upload_to(instance, filename):
    # Never the applicant's own file name on disk: it may hold anything.
    return f"drafts/{instance.draft_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class ApplicationDraft(models.Model):
    """Kladde: an application being filled in, kept server-side between the wizard's steps."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        "kes.User", on_delete=models.CASCADE, related_name="application_drafts"
    )
    business = models.ForeignKey(
        "cases.Business", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    staff_assisted = models.BooleanField(default=False)
    channel = models.CharField(max_length=10, default=Channel.DIGITAL)
    received_at = models.DateTimeField(null=True, blank=True)
    services = models.JSONField(default=list)
    answers = models.JSONField(default=dict)
    description = models.TextField(blank=True)
    star_meeting_requested = models.BooleanField(default=False)
    help_requested = models.BooleanField(default=False)
    shown_topics = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("application draft")
        verbose_name_plural = _("application drafts")

    def __str__(self):
        return f"{self.owner} {self.updated_at:%Y-%m-%d %H:%M}"


class DraftDocument(models.Model):
    """Bilag i kladde: an uploaded file waiting for the application to be submitted."""

    draft = models.ForeignKey(ApplicationDraft, on_delete=models.CASCADE, related_name="documents")
    document_code = models.CharField(max_length=60, blank=True)
    file = models.FileField(upload_to=_draft_upload_to)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("draft document")
        verbose_name_plural = _("draft documents")

    def __str__(self):
        return self.original_name


class SubmittedDraft(models.Model):
    """Sendt kladde: the case a submitted draft became. The draft itself is gone; its wizard
    pages (Back after sending) say that it was sent and link to the case, for its owner."""

    id = models.UUIDField(primary_key=True, editable=False)
    owner = models.ForeignKey("kes.User", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submitted draft")
        verbose_name_plural = _("submitted drafts")

    def __str__(self):
        return str(self.id)
