"""Writes for intake: the catalogue loader and the application drafts."""

from .catalogue import catalogue_load
from .drafts import (
    draft_document_add,
    draft_document_remove,
    draft_save,
    draft_start,
    draft_submit,
)

__all__ = [
    "catalogue_load",
    "draft_document_add",
    "draft_document_remove",
    "draft_save",
    "draft_start",
    "draft_submit",
]
