"""Writes for businesses and cases, and the plain data a case is created from (what the
front door, intake, hands to ``case_create``); import them from here."""

from .businesses import (
    business_account_register,
    business_create,
    business_for_application,
    business_user_add,
)
from .conversation import (
    case_viewed,
    document_downloaded,
    information_answer,
    letter_downloaded,
    message_send,
    note_add,
    satisfaction_give,
)
from .decision_facts import decision_facts
from .follow_ups import follow_up_create, follow_up_done
from .handover import ClassificationOutcome, KnownRows, OutcomeReason, RequestedService
from .kes_tasks import kes_task_complete
from .letters import decision_letter_send, receipt_send
from .meeting_minutes import (
    checklist_material_upload,
    meeting_minutes_record,
    meeting_outcome_record,
)
from .meetings import (
    checklist_item_add,
    meeting_participant_add,
    star_meeting_cancel,
    star_meeting_plan,
)
from .notices import business_notify
from .overrides import case_track_override
from .pilots import (
    case_pilot_assign,
    pilot_case_close,
    pilot_introduction_add,
    pilot_introduction_complete,
)
from .portfolio import pilot_portfolio_reassign
from .reapplication import case_reapplied
from .references import case_reference_next
from .routing import case_close, case_route, department_tasks_start
from .submission import case_create
from .triage import triage_approve, triage_decline
from .work import (
    task_assign,
    task_completeness_confirm,
    task_decide,
    task_decision_check,
    task_request_information,
    task_unassign,
)

__all__ = [
    "ClassificationOutcome",
    "KnownRows",
    "OutcomeReason",
    "RequestedService",
    "business_account_register",
    "checklist_item_add",
    "checklist_material_upload",
    "meeting_minutes_record",
    "meeting_outcome_record",
    "meeting_participant_add",
    "star_meeting_cancel",
    "star_meeting_plan",
    "triage_approve",
    "triage_decline",
    "follow_up_create",
    "follow_up_done",
    "business_create",
    "business_for_application",
    "business_notify",
    "business_user_add",
    "case_close",
    "case_reapplied",
    "case_reference_next",
    "case_route",
    "case_create",
    "case_track_override",
    "case_pilot_assign",
    "pilot_case_close",
    "pilot_introduction_add",
    "pilot_introduction_complete",
    "pilot_portfolio_reassign",
    "case_viewed",
    "decision_facts",
    "decision_letter_send",
    "department_tasks_start",
    "document_downloaded",
    "information_answer",
    "kes_task_complete",
    "letter_downloaded",
    "message_send",
    "note_add",
    "receipt_send",
    "satisfaction_give",
    "task_assign",
    "task_completeness_confirm",
    "task_decide",
    "task_decision_check",
    "task_request_information",
    "task_unassign",
]
