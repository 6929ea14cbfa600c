"""Intake's models, by concern: the catalogue's version stamp (``base``), the catalogue
(``catalogue``) and the applications being filled in (``drafts``). Every name is importable
from ``intake.models`` as before the split.

The modules' names sort in that order on purpose: makemessages writes the strings in the
order of the files, and ``check_translations`` compares that order with locale/."""

from .base import CatalogueQuerySet, CatalogueVersion, catalogue_changed, catalogue_changes
from .catalogue import FAQ, Question, QuestionChoice, RequiredDocument, Rule, Service
from .drafts import (
    ApplicationDraft,
    DraftDocument,
    SubmittedDraft,
    _draft_upload_to,  # noqa: F401 (migration 0002 names intake.models._draft_upload_to)
)

__all__ = [
    "FAQ",
    "ApplicationDraft",
    "CatalogueQuerySet",
    "CatalogueVersion",
    "DraftDocument",
    "Question",
    "QuestionChoice",
    "RequiredDocument",
    "Rule",
    "Service",
    "SubmittedDraft",
    "catalogue_changed",
    "catalogue_changes",
]
