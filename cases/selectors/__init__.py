"""Reads for businesses and cases; import them from here."""

from .core import (
    CASE_WIDE_ROLES,
    business_by_cvr,
    businesses_of,
    businesses_visible_to,
    case_documents_visible_to,
    case_for_receipt,
    cases_visible_to,
    receipt_cases,
)
from .letters import case_for_decision_letter, letters_visible_to, receipt_page_cases

__all__ = [
    "CASE_WIDE_ROLES",
    "business_by_cvr",
    "businesses_of",
    "businesses_visible_to",
    "case_documents_visible_to",
    "case_for_receipt",
    "case_for_decision_letter",
    "cases_visible_to",
    "letters_visible_to",
    "receipt_cases",
    "receipt_page_cases",
]
