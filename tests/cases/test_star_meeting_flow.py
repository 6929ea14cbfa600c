"""A star meeting from proposal to closed case (governance document, appendix, the last
flowchart): a plot purchase goes triage approve -> planned -> rescheduled -> minutes, two
departments decide at the meeting, two follow up and decide later -> closed. A declined
proposal continues as a business-pilot case on the same task and clock."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from cases.constants import (
    CaseStatus,
    EventKind,
    FollowUpSource,
    MeetingStatus,
    NotificationKind,
    Outcome,
    TaskKind,
    TaskStatus,
    Track,
)
from cases.models import CaseEvent, Decision, DepartmentTask, StarMeeting
from cases.services import (
    kes_task_complete,
    meeting_minutes_record,
    meeting_outcome_record,
    meeting_participant_add,
    task_decide,
    triage_approve,
    triage_decline,
)
from cases.services.routing import process_of
from kes.models import Notification
from routing.constants import MembershipRole
from routing.models import Department
from tests.cases.helpers import APPROVE, worker
from tests.cases.meeting_helpers import (
    PLOT_DEPARTMENTS,
    dst_change_meeting_time,
    ics_of,
    plan,
    plot_proposal,
)
from tests.cases.stats.data import facts_differing

pytestmark = pytest.mark.django_db

REJECT = {
    "outcome": Outcome.REJECTED,
    "statement": "Afslag.",
    "provisions": "Lokalplanen tillader ikke fabrikker her.",
    "way_forward": "En mindre bygning kan godkendes.",
    "alternatives": "Grunden i Sydhavn.",
    "complaint": "Klag inden fire uger.",
}


def _department(code):
    return Department.objects.get(code=code)


def _decided(meeting, code, decision, *, by=None):
    """The department ``code`` decided at the meeting; recorded by its worker unless ``by``."""
    return meeting_outcome_record(
        meeting=meeting,
        department=_department(code),
        by=by or worker(code),
        decided_at_meeting=True,
        decision=decision,
    )


def test_plot_purchase_from_triage_to_closed_case(
    business, kes_user, triage_user, mailoutbox, django_capture_on_commit_callbacks
):
    case = plot_proposal(business, kes_user)
    assert case.track == Track.STAR_MEETING
    triage = case.tasks.get()
    assert triage.kind == TaskKind.TRIAGE
    # KES staff cannot wave the proposal through any more: the committee decides.
    with pytest.raises(PermissionDenied):
        kes_task_complete(task=triage, by=kes_user, note="ok")
    with pytest.raises(PermissionDenied):
        triage_approve(case=case, by=kes_user)

    meeting = triage_approve(case=case, by=triage_user, reason="Fire forvaltninger")
    assert meeting.status == MeetingStatus.PLANNING
    assert [i.required_document_code for i in meeting.checklist.all()] == [
        "project_description",
        "offer",
        "financing_documentation",
    ]
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    tasks = case.tasks.filter(kind=TaskKind.DECISION).select_related("department")
    assert sorted(t.department.code for t in tasks) == PLOT_DEPARTMENTS
    assert all(t.received_on == triage.received_on for t in tasks)
    assert case.events.filter(kind=EventKind.TRIAGE_APPROVED).count() == 1
    # Decided once: a second approval finds no proposal waiting.
    with pytest.raises(ValidationError):
        triage_approve(case=case, by=triage_user)

    # Participants: a lead nominates from their own department, KES picks the rest.
    lead = worker("building", role=MembershipRole.LEAD, name="lead-building")
    meeting_participant_add(
        meeting=meeting, by=lead, user=worker("building"), department=_department("building")
    )
    with pytest.raises(PermissionDenied):
        meeting_participant_add(
            meeting=meeting, by=lead, user=worker("traffic"), department=_department("traffic")
        )
    for code in ("environment", "properties", "traffic"):
        meeting_participant_add(
            meeting=meeting, by=kes_user, user=worker(code), department=_department(code)
        )
    with pytest.raises(ValidationError) as error:
        meeting_participant_add(
            meeting=meeting, by=kes_user, user=worker("traffic"), department=_department("city_use")
        )
    assert set(error.value.message_dict) == {"department", "user"}

    starts = dst_change_meeting_time(timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        plan(
            meeting,
            kes_user,
            starts,
            business_attendees=[{"name": "Ida Ejer", "email": "Ida@Example.dk"}],
        )
    # The business, its attendee and four participants.
    assert len(mailoutbox) == 6
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert "ida@example.dk" in recipients and business.email in recipients
    calendar, event = ics_of(mailoutbox[0])
    assert calendar["METHOD"] == "REQUEST" and event["SEQUENCE"] == 0
    uid = str(event["UID"])
    assert uid == str(meeting.uid)
    local = starts.strftime("%Y%m%dT%H%M%S")
    assert f"DTSTART;TZID=Europe/Copenhagen:{local}" in mailoutbox[0].attachments[0][1]
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert len(event["ATTENDEE"]) == 6

    # Rescheduled a day earlier (still summer time): same UID, higher SEQUENCE.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan(meeting, kes_user, starts - timedelta(days=1), place="KES, Njalsgade 13")
    assert len(mailoutbox) == 5  # the attendee was not listed again
    calendar, event = ics_of(mailoutbox[0])
    assert (str(event["UID"]), event["SEQUENCE"]) == (uid, 1)
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=2)
    assert "Changed" in mailoutbox[0].subject or "Ændret" in mailoutbox[0].subject
    assert case.events.filter(kind=EventKind.MEETING_RESCHEDULED).count() == 1

    # The meeting is held: minutes, then each department's outcome.
    StarMeeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    minutes = meeting_minutes_record(
        meeting=meeting,
        by=kes_user,
        attendees="Ida Ejer; fire sagsbehandlere",
        discussion="Byggeri og miljø afgjorde på mødet; ejendom og trafik følger op.",
        attended_user_ids=[worker("building").pk, worker("traffic").pk],
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    attended = dict(meeting.participants.values_list("user__username", "attended"))
    assert attended == {
        "w-building": True,
        "w-environment": False,
        "w-properties": False,
        "w-traffic": True,
    }
    # Only a member of the department speaks for it.
    with pytest.raises(PermissionDenied):
        _decided(meeting, "building", APPROVE, by=worker("traffic"))
    _decided(meeting, "building", APPROVE)
    _decided(meeting, "environment", REJECT)
    due = timezone.localdate() + timedelta(days=14)
    for code in ("properties", "traffic"):
        outcome = meeting_outcome_record(
            meeting=meeting,
            department=_department(code),
            by=worker(code),
            decided_at_meeting=False,
            follow_up_text="Svar på købstilbuddet",
            follow_up_due_on=due,
        )
        assert outcome.follow_up.source == FollowUpSource.MEETING
        assert outcome.follow_up.department.code == code
        assert outcome.follow_up.task.department.code == code
    rejection = Decision.objects.get(task__case=case, task__department__code="environment")
    assert rejection.way_forward == REJECT["way_forward"]
    open_tasks = DepartmentTask.objects.filter(case=case).exclude(status=TaskStatus.DONE)
    assert sorted(open_tasks.values_list("department__code", flat=True)) == [
        "properties",
        "traffic",
    ]
    with pytest.raises(ValidationError):
        meeting_outcome_record(
            meeting=meeting,
            department=_department("traffic"),
            by=worker("traffic"),
            decided_at_meeting=False,
            follow_up_text="Igen",
            follow_up_due_on=due,
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS

    # The follow-ups end in ordinary decisions; the last one closes the case.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for task in open_tasks.select_related("department"):
            task_decide(task=task, by=worker(task.department.code), **APPROVE)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    # The combined letter has the minutes as a section.
    (letter,) = [m for m in mailoutbox if m.attachments and m.attachments[0][0].endswith(".pdf")]
    text = " ".join(PdfReader(io.BytesIO(letter.attachments[0][1])).pages[0].extract_text().split())
    text += " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(letter.attachments[0][1])).pages[1:]
    )
    assert "Referat af stjernemødet" in text or "Minutes of the star meeting" in text
    assert "Ida Ejer" in text
    assert minutes.meeting.case_id == case.pk
    # Decided at the meeting or after: each decision carries its task's statistics' columns.
    assert facts_differing(Decision.objects.filter(task__case=case)) == []


def test_a_declined_proposal_continues_as_a_pilot_case_on_the_same_clock(
    business, kes_user, triage_user, mailoutbox, django_capture_on_commit_callbacks
):
    case = plot_proposal(business, kes_user)
    task = case.tasks.get()
    before = DepartmentTask.objects.get(pk=task.pk)
    with pytest.raises(ValidationError) as error:
        triage_decline(case=case, by=triage_user, reason="  ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        triage_decline(case=case, by=kes_user, reason="Nej")
    with django_capture_on_commit_callbacks(execute=True):
        triage_decline(case=case, by=triage_user, reason="Sagen kan klares af en lods.")
    case.refresh_from_db()
    assert case.track == Track.PILOT
    assert case.status == CaseStatus.RECEIVED
    after = case.tasks.get()
    assert after.pk == before.pk
    assert after.kind == TaskKind.ASSIGN_PILOT
    assert after.status == TaskStatus.OPEN
    assert (after.received_on, after.created_at, after.deadline) == (
        before.received_on,
        before.created_at,
        before.deadline,
    )
    assert process_of(case).data["track"] == Track.PILOT
    assert not StarMeeting.objects.filter(case=case).exists()
    assert CaseEvent.objects.filter(case=case, kind=EventKind.TRIAGE_DECLINED).count() == 1
    # The business is told why, in its language (Danish here).
    (message,) = mailoutbox
    assert message.to == [business.email]
    assert "Sagen kan klares af en lods." in message.body
    assert Notification.objects.filter(kind=NotificationKind.TRIAGE_DECLINED).count() == 1
    # The case is now exactly a pilot case waiting for KES: triage is over.
    with pytest.raises(ValidationError):
        triage_approve(case=case, by=triage_user)


def test_the_decline_mail_is_in_the_business_language(
    business, kes_user, triage_user, mailoutbox, django_capture_on_commit_callbacks
):
    business.language = "en"
    business.save()
    case = plot_proposal(business, kes_user)
    case.language = "en"
    case.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        triage_decline(case=case, by=triage_user, reason="A pilot will do.")
    (message,) = mailoutbox
    assert "business pilot" in message.subject
    assert "A pilot will do." in message.body
