"""The records a case collects: its audit trail, its documents and its letters."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kes.constants import Language

from ..constants import EventKind, LetterKind
from .case import Case


class AppendOnlyError(Exception):
    """An audit event was about to be changed or removed."""


class CaseEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Case events are append-only.")

    def delete(self):
        raise AppendOnlyError("Case events are append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Case events are append-only.")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AppendOnlyError("Case events are append-only.")


class CaseEvent(models.Model):
    """Hændelse: one line of a case's audit trail. Append-only: never changed or removed."""

    # Not indexed on its own: ``cases_event_trail`` leads with it.
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("case"),
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=40, choices=EventKind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    data = models.JSONField(_("data"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["case", "at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [
            # The full audit trail, newest first, a page at a time.
            models.Index(fields=["case", "-at", "-id"], name="cases_event_trail"),
            # The case page's latest events: staff views (the rows that grow with every
            # look at the case) are not in this index, so its size follows the real work.
            models.Index(
                fields=["case", "-at", "-id"],
                condition=~models.Q(kind=EventKind.CASE_VIEWED),
                name="cases_event_timeline",
            ),
        ]

    def __str__(self):
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Case events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Case events are append-only.")


# Extensions by sniffed content type: the stored name never comes from the uploader.
DOCUMENT_EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def document_upload_to(instance, filename):
    extension = DOCUMENT_EXTENSIONS.get(instance.content_type, "bin")
    return f"cases/{timezone.now():%Y}/{uuid.uuid4()}.{extension}"


class CaseDocument(models.Model):
    """Bilag: a file the business or staff uploaded to a case."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="documents", verbose_name=_("case")
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
    message = models.ForeignKey(
        "cases.CaseMessage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("message"),
    )
    checklist_item = models.ForeignKey(
        "cases.ChecklistItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("star meeting checklist item"),
    )
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["case", "uploaded_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.original_name


def letter_upload_to(instance, filename):
    return f"letters/{timezone.now():%Y}/{uuid.uuid4()}.pdf"


class Letter(models.Model):
    """Brev: a PDF sent to the business: the receipt and the one combined decision letter.

    One of each per case: the (case, kind) row is the idempotency key of the task that
    sends it, so a retried or repeated task never sends a second one.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="letters", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(_("file"), upload_to=letter_upload_to, max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["case", "created_at", "pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=models.Q(kind__in=[LetterKind.RECEIPT, LetterKind.DECISION]),
                name="cases_one_receipt_and_decision_letter_per_case",
            )
        ]

    def __str__(self):
        return f"{self.case_id} {self.kind}"
