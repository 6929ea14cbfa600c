"""Businesses, cases and what a case collects; import models from here."""

from .businesses import Business, BusinessMembership
from .case import Case, CaseReason, CaseService, ImmediateAnswer, ReferenceCounter
from .records import (
    DOCUMENT_EXTENSIONS,
    AppendOnlyError,
    CaseDocument,
    CaseEvent,
    CaseEventQuerySet,
    Letter,
    document_upload_to,
    letter_upload_to,
)

__all__ = [
    "DOCUMENT_EXTENSIONS",
    "AppendOnlyError",
    "Business",
    "BusinessMembership",
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseEventQuerySet",
    "CaseReason",
    "CaseService",
    "ImmediateAnswer",
    "Letter",
    "ReferenceCounter",
    "document_upload_to",
    "letter_upload_to",
]
