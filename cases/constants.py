from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How the request reached KES (DESIGN.md §3)."""

    DIGITAL = "digital", _("Digital")
    PHONE = "phone", _("Phone")
    COUNTER = "counter", _("Counter")


# Channels where KES staff take the request and may register it on the business's behalf.
ASSISTED_CHANNELS = (Channel.PHONE, Channel.COUNTER)


class Track(models.TextChoices):
    """Spor: the five tracks; the values are the ones data and API use."""

    IMMEDIATE = "immediate", _("Immediate answer")
    SELF_SERVICE = "self_service", _("Self-service")
    ASSISTED = "assisted", _("Assisted")
    PILOT = "pilot", _("Business pilot")
    STAR_MEETING = "star_meeting", _("Star meeting")


class Complexity(models.TextChoices):
    """Of a service and of a case; ordered: a rule may only raise it (simple < complex < joint)."""

    SIMPLE = "simple", _("Simple")
    COMPLEX = "complex", _("Complex")
    JOINT = "joint", _("Joint")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class TaskKind(models.TextChoices):
    """What a task on a case asks of the department that holds it."""

    DECISION = "decision", _("Decide the service")
    IMMEDIATE_ANSWER = "immediate_answer", _("Answer the question")
    ASSIGN_PILOT = "assign_pilot", _("Assign a business pilot")
    TRIAGE = "triage", _("Triage the star-meeting proposal")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_REVIEW = "in_review", _("Being processed")
    WAITING = "waiting", _("Waiting for the business")
    DONE = "done", _("Decided")


OPEN_TASK_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_REVIEW, TaskStatus.WAITING)


class Milestone(models.TextChoices):
    """A point on a task's service-target clock that is notified once (``TaskMilestone``)."""

    WARNING = "warning", _("Service target nearly used")
    BREACH = "breach", _("Service target passed")


class Outcome(models.TextChoices):
    """Afgørelse: the three answers a department can give."""

    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REJECTED = "rejected", _("Rejected")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    DOCUMENT_UPLOADED = "document_uploaded", _("Document uploaded")
    ANSWERED_IMMEDIATELY = "answered_immediately", _("Answered at once")
    RECEIPT_SENT = "receipt_sent", _("Receipt sent")
    ROUTED = "routed", _("Sent to the departments")
    KES_TASK_CREATED = "kes_task_created", _("Waiting for KES")
    KES_TASK_DONE = "kes_task_done", _("Handled by KES")
    TASK_ASSIGNED = "task_assigned", _("Task assigned")
    TASK_UNASSIGNED = "task_unassigned", _("Task released")
    COMPLETENESS_CHECKED = "completeness_checked", _("Application complete")
    INFORMATION_REQUESTED = "information_requested", _("Information requested")
    INFORMATION_ANSWERED = "information_answered", _("Information received")
    DECIDED = "decided", _("Decision made")
    CLOSED = "closed", _("Case closed")
    LETTER_SENT = "letter_sent", _("Letter sent")
    MESSAGE_SENT = "message_sent", _("Message")
    NOTE_ADDED = "note_added", _("Internal note")
    DOCUMENT_DOWNLOADED = "document_downloaded", _("Document downloaded")
    LETTER_DOWNLOADED = "letter_downloaded", _("Letter downloaded")
    CASE_VIEWED = "case_viewed", _("Case viewed by staff")
    SATISFACTION_GIVEN = "satisfaction_given", _("Satisfaction answered")
    TRACK_OVERRIDDEN = "track_overridden", _("Track changed by staff")
    PILOT_ASSIGNED = "pilot_assigned", _("Business pilot assigned")
    PILOT_INTRODUCED = "pilot_introduced", _("Introduced to a department")
    PILOT_SUMMARY_WRITTEN = "pilot_summary_written", _("Pilot's summary written")
    FOLLOW_UP_CREATED = "follow_up_created", _("Follow-up created")
    FOLLOW_UP_DONE = "follow_up_done", _("Follow-up done")
    TRIAGE_APPROVED = "triage_approved", _("Star meeting approved")
    TRIAGE_DECLINED = "triage_declined", _("Star meeting declined")
    MEETING_PLANNED = "meeting_planned", _("Star meeting planned")
    MEETING_RESCHEDULED = "meeting_rescheduled", _("Star meeting moved")
    MEETING_CANCELLED = "meeting_cancelled", _("Star meeting cancelled")
    MEETING_PARTICIPANT_ADDED = "meeting_participant_added", _("Meeting participant added")
    MEETING_MINUTES_RECORDED = "meeting_minutes_recorded", _("Minutes of the star meeting")
    SLA_WARNING = "sla_warning", _("Service target nearly used")
    SLA_BREACHED = "sla_breached", _("Service target passed")
    INFORMATION_REMINDED = "information_reminded", _("Business reminded of a request")
    INFORMATION_LAPSED = "information_lapsed", _("Caseworker told: request not answered")
    REAPPLIED = "reapplied", _("New application started from this case")


# What the business's timeline shows; everything else is for staff only.
BUSINESS_TIMELINE_EVENTS = (
    EventKind.RECEIVED,
    EventKind.ROUTED,
    EventKind.ANSWERED_IMMEDIATELY,
    EventKind.INFORMATION_REQUESTED,
    EventKind.INFORMATION_ANSWERED,
    EventKind.DECIDED,
    EventKind.CLOSED,
    EventKind.RECEIPT_SENT,
    EventKind.LETTER_SENT,
    EventKind.REAPPLIED,
)


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    DECISION = "decision", _("Decision")
    MEETING_INVITATION = "meeting_invitation", _("Star meeting invitation")
    MEETING_MINUTES = "meeting_minutes", _("Minutes of the star meeting")


class NotificationKind(models.TextChoices):
    """What the outbox delivers for cases (``kes.Notification.kind``; see cases.deliveries)."""

    RECEIPT = "cases.receipt", _("Receipt")
    DECISION_LETTER = "cases.decision_letter", _("Decision letter")
    INFORMATION_REQUEST = "cases.information_request", _("Request for information")
    MESSAGE = "cases.message", _("Message from staff")
    PILOT_ASSIGNED = "cases.pilot_assigned", _("Your business pilot")
    TRIAGE_DECLINED = "cases.triage_declined", _("Star meeting declined")
    MEETING_INVITATION = "cases.meeting_invitation", _("Star meeting invitation")
    INFORMATION_REMINDER = "cases.information_reminder", _("Reminder of a request")
    STAFF_NOTICE = "cases.staff_notice", _("Notice to staff")
    MONTHLY_REPORT = "cases.monthly_report", _("Monthly report to managers")


class ShownTopic(models.TextChoices):
    """What staff showed a business at the counter or on the phone, so it can self-serve."""

    GUIDE = "guide", _("How to find the right permit with the guide")
    APPLY_ONLINE = "apply_online", _("How to apply online")
    MY_CASES = "my_cases", _("How to follow the case under My page")
    DOCUMENTS = "documents", _("How to upload documents")


DESCRIPTION_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 5000
SATISFACTION_SCORES = (1, 2, 3, 4, 5)
TOPIC_MAX_LENGTH = 200


class FollowUpSource(models.TextChoices):
    """Why a follow-up task exists."""

    MANUAL = "manual", _("Written by the pilot")
    MILESTONE = "milestone", _("A task reached its warning milestone")
    MEETING = "meeting", _("Agreed at the star meeting")


class MeetingStatus(models.TextChoices):
    """Stjernemøde: approved by the triage committee, then planned, held or cancelled."""

    PLANNING = "planning", _("Being planned")
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
