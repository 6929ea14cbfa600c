"""Writes for intake: the catalogue loader, the application drafts and submitting a request
(classified here, created as a case through ``cases.services.case_create``)."""

from .applications import application_submit
from .catalogue import catalogue_load
from .drafts import (
    draft_document_add,
    draft_document_remove,
    draft_save,
    draft_start,
    draft_submit,
)
from .reapply import draft_from_case
from .submission import case_submit, case_track_preview

__all__ = [
    "application_submit",
    "case_submit",
    "case_track_preview",
    "catalogue_load",
    "draft_document_add",
    "draft_document_remove",
    "draft_from_case",
    "draft_save",
    "draft_start",
    "draft_submit",
]
