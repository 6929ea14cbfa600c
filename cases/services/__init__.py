"""Writes for businesses and cases; import them from here."""

from .businesses import business_account_register, business_create, business_user_add
from .letters import receipt_send
from .references import case_reference_next
from .submission import case_submit, case_track_preview

__all__ = [
    "business_account_register",
    "business_create",
    "business_user_add",
    "case_reference_next",
    "case_submit",
    "case_track_preview",
    "receipt_send",
]
