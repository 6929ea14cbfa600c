"""Businesses, cases and what a case collects; import models from here."""

from .businesses import Business, BusinessMembership
from .case import Case, CaseReason, CaseService, ImmediateAnswer, ReferenceCounter
from .meetings import (
    ChecklistItem,
    MeetingMinutes,
    MeetingOutcome,
    MeetingParticipant,
    StarMeeting,
    TriageDecision,
)
from .milestones import TaskMilestone
from .pilots import FollowUp, PilotIntroduction, PilotSummary
from .processing_times import ProcessingTimeFigure
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
from .reports import MonthlyReport
from .work import (
    CaseMessage,
    CaseProcess,
    Decision,
    DepartmentTask,
    InformationRequest,
    InternalNote,
    Satisfaction,
)

__all__ = [
    "TaskMilestone",
    "ChecklistItem",
    "FollowUp",
    "MeetingMinutes",
    "MeetingOutcome",
    "MeetingParticipant",
    "PilotIntroduction",
    "PilotSummary",
    "StarMeeting",
    "TriageDecision",
    "DOCUMENT_EXTENSIONS",
    "AppendOnlyError",
    "Business",
    "BusinessMembership",
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseEventQuerySet",
    "CaseMessage",
    "CaseProcess",
    "Decision",
    "DepartmentTask",
    "InformationRequest",
    "InternalNote",
    "Satisfaction",
    "CaseReason",
    "CaseService",
    "ImmediateAnswer",
    "Letter",
    "MonthlyReport",
    "ProcessingTimeFigure",
    "ReferenceCounter",
    "document_upload_to",
    "letter_upload_to",
]
