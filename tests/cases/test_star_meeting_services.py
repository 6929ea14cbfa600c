"""The star-meeting services refuse bad input with a message per field and store nothing;
the cancellation's .ics has METHOD:CANCEL; material uploads are checked like every upload."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.constants import EventKind, MeetingStatus
from cases.models import CaseDocument, CaseEvent, StarMeeting
from cases.services import (
    checklist_item_add,
    checklist_material_upload,
    meeting_minutes_record,
    star_meeting_cancel,
    star_meeting_plan,
    triage_decline,
)
from tests.cases.meeting_helpers import approved_meeting, ics_of, plan, plot_proposal
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def _soon(days=10, hour=10):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


@pytest.fixture
def meeting(business, kes_user):
    return approved_meeting(business, kes_user)


def _bad_plans():
    soon = _soon()
    return [
        ({"starts_at": timezone.now() - timedelta(days=1)}, "starts_at"),
        ({"starts_at": datetime(1066, 10, 14, 9, 0, tzinfo=UTC)}, "starts_at"),
        ({"starts_at": datetime(9999, 12, 31, 9, 0, tzinfo=UTC)}, "starts_at"),
        ({"starts_at": soon.replace(tzinfo=None)}, "starts_at"),
        ({"starts_at": "2027-10-31T10:00"}, "starts_at"),
        ({"starts_at": 12345}, "starts_at"),
        ({"ends_at": soon - timedelta(minutes=1)}, "ends_at"),
        ({"ends_at": soon}, "ends_at"),
        ({"ends_at": soon + timedelta(hours=13)}, "ends_at"),
        ({"ends_at": None}, "ends_at"),
        ({"place": "", "video_url": ""}, "place"),
        ({"place": "Rådhuset\x00"}, "place"),
        ({"place": "Rådhuset \ud800"}, "place"),
        ({"place": "x" * 301}, "place"),
        ({"place": 42}, "place"),
        ({"video_url": "http://video.example.dk/1"}, "video_url"),
        ({"video_url": "javascript:alert(1)"}, "video_url"),
        ({"business_attendees": [{"name": "Ida", "email": "not-an-email"}]}, "business_attendees"),
        ({"business_attendees": [{"name": "Ida\x00", "email": "a@b.dk"}]}, "business_attendees"),
        ({"business_attendees": [{"name": "Ida"}]}, "business_attendees"),
        ({"business_attendees": ["a@b.dk"]}, "business_attendees"),
        ({"business_attendees": "a@b.dk"}, "business_attendees"),
        ({"business_attendees": [{"email": f"{i}@b.dk"} for i in range(21)]}, "business_attendees"),
    ]


@pytest.mark.parametrize("change, field", _bad_plans())
def test_a_bad_plan_is_refused_and_nothing_is_stored(meeting, kes_user, change, field):
    soon = _soon()
    arguments = {
        "starts_at": soon,
        "ends_at": soon + timedelta(hours=1),
        "place": "Rådhuset",
        **change,
    }
    with pytest.raises(ValidationError) as error:
        star_meeting_plan(meeting=meeting, by=kes_user, **arguments)
    assert field in error.value.message_dict
    meeting.refresh_from_db()
    assert (meeting.status, meeting.starts_at, meeting.sequence) == (
        MeetingStatus.PLANNING,
        None,
        0,
    )
    assert not CaseEvent.objects.filter(kind=EventKind.MEETING_PLANNED).exists()


def test_only_kes_staff_plan(meeting, caseworker_user, triage_user, business_user):
    for user in (caseworker_user, triage_user, business_user):
        with pytest.raises(PermissionDenied):
            plan(meeting, user, _soon())


def test_a_video_meeting_needs_no_place(meeting, kes_user):
    meeting = plan(meeting, kes_user, _soon(), place="", video_url="https://video.example.dk/1")
    assert meeting.status == MeetingStatus.PLANNED


@pytest.mark.parametrize("reason", ["", "   ", None, "x" * 2001, "Nej\x00", 7])
def test_a_decline_without_a_usable_reason_is_refused(business, kes_user, triage_user, reason):
    case = plot_proposal(business, kes_user)
    with pytest.raises(ValidationError) as error:
        triage_decline(case=case, by=triage_user, reason=reason)
    assert "reason" in error.value.message_dict
    case.refresh_from_db()
    assert case.track == "star_meeting"


def test_cancelling_sends_method_cancel_with_the_same_uid(
    meeting, kes_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan(meeting, kes_user, _soon())
    mailoutbox.clear()
    with pytest.raises(ValidationError):
        star_meeting_cancel(meeting=meeting, by=kes_user, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        star_meeting_cancel(meeting=meeting, by=kes_user, reason="Sagen er trukket tilbage.")
    (message,) = mailoutbox
    calendar, event = ics_of(message)
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert (str(event["UID"]), event["SEQUENCE"]) == (str(meeting.uid), 1)
    assert "Sagen er trukket tilbage." in message.body
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    with pytest.raises(ValidationError):
        plan(meeting, kes_user, _soon())


def test_a_superseded_invitation_sends_nothing(
    meeting, kes_user, mailoutbox, django_capture_on_commit_callbacks
):
    plan(meeting, kes_user, _soon())  # not delivered (no commit hooks run)
    with django_capture_on_commit_callbacks(execute=True):
        plan(meeting, kes_user, _soon(days=11))
    from kes.models import Notification
    from kes.outbox import deliver

    for row in Notification.objects.filter(payload__sequence=0):
        deliver(row.pk)
    # Only the SEQUENCE 1 mail went out.
    assert [ics_of(m)[1]["SEQUENCE"] for m in mailoutbox] == [1]


@pytest.mark.parametrize(
    "label_da, label_en",
    [("", ""), ("Tegning\x00", ""), ("x" * 301, ""), ("Tegning", "\udfff"), (5, "")],
)
def test_a_bad_checklist_item_is_refused(meeting, kes_user, label_da, label_en):
    before = meeting.checklist.count()
    with pytest.raises(ValidationError):
        checklist_item_add(meeting=meeting, by=kes_user, label_da=label_da, label_en=label_en)
    assert meeting.checklist.count() == before


def test_the_business_uploads_material_for_an_item(meeting, kes_user, business_user, outsider_user):
    item = checklist_item_add(meeting=meeting, by=kes_user, label_da="Situationsplan")
    assert item.label_en == "Situationsplan"
    with pytest.raises(PermissionDenied):
        checklist_material_upload(
            item=item, by=outsider_user, files=[SimpleUploadedFile("a.pdf", pdf_bytes())]
        )
    with pytest.raises(ValidationError) as error:
        checklist_material_upload(
            item=item, by=business_user, files=[SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")]
        )
    assert "virus.pdf" in error.value.message_dict["files"][0]
    with pytest.raises(ValidationError):
        checklist_material_upload(item=item, by=business_user, files=[])
    (document,) = checklist_material_upload(
        item=item, by=business_user, files=[SimpleUploadedFile("plan.pdf", pdf_bytes())]
    )
    assert document.checklist_item == item
    assert CaseDocument.objects.filter(checklist_item=item).count() == 1


@pytest.mark.parametrize(
    "attendees, discussion, attended",
    [
        ("", "Drøftet", ()),
        ("Ida", "", ()),
        ("Ida\x00", "x", ()),
        ("Ida", "x", ["abc"]),
        (3, "x", ()),
    ],
)
def test_bad_minutes_are_refused(meeting, kes_user, attendees, discussion, attended):
    plan(meeting, kes_user, _soon())
    StarMeeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError):
        meeting_minutes_record(
            meeting=meeting,
            by=kes_user,
            attendees=attendees,
            discussion=discussion,
            attended_user_ids=attended,
        )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_minutes_wait_for_the_meeting(meeting, kes_user):
    plan(meeting, kes_user, _soon())
    with pytest.raises(ValidationError) as error:
        meeting_minutes_record(meeting=meeting, by=kes_user, attendees="Ida", discussion="x")
    assert "discussion" in error.value.message_dict


@pytest.mark.parametrize(
    "text, attendees",
    [
        ("", []),
        ("Ida Jensen, ida@example.dk", [{"name": "Ida Jensen", "email": "ida@example.dk"}]),
        ("Bo <bo@example.dk>\n\n", [{"name": "Bo", "email": "bo@example.dk"}]),
        ("c@example.dk", [{"name": "", "email": "c@example.dk"}]),
        ("Jensen, Ida, ida@example.dk", [{"name": "Jensen, Ida", "email": "ida@example.dk"}]),
    ],
)
def test_the_plan_form_reads_attendees_one_a_line(text, attendees):
    from cases.forms.meetings import format_attendees, parse_attendees

    assert parse_attendees(text) == attendees
    assert parse_attendees(format_attendees(attendees)) == attendees


@pytest.mark.parametrize(
    "text, due_in_days, field",
    [
        ("", 7, "follow_up_text"),
        ("Svar\x00", 7, "follow_up_text"),
        (5, 7, "follow_up_text"),
        ("Svar", -1, "follow_up_due_on"),
        ("Svar", 400, "follow_up_due_on"),
        ("Svar", None, "follow_up_due_on"),
    ],
)
def test_a_bad_follow_up_from_the_meeting_is_refused(meeting, kes_user, text, due_in_days, field):
    from cases.models import FollowUp, MeetingOutcome
    from cases.services import meeting_minutes_record, meeting_outcome_record
    from routing.models import Department
    from tests.cases.helpers import worker

    plan(meeting, kes_user, _soon())
    StarMeeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    meeting_minutes_record(meeting=meeting, by=kes_user, attendees="Ida", discussion="Drøftet")
    due = None if due_in_days is None else timezone.localdate() + timedelta(days=due_in_days)
    with pytest.raises(ValidationError) as error:
        meeting_outcome_record(
            meeting=meeting,
            department=Department.objects.get(code="traffic"),
            by=worker("traffic"),
            decided_at_meeting=False,
            follow_up_text=text,
            follow_up_due_on=due,
        )
    assert field in error.value.message_dict
    assert not FollowUp.objects.exists() and not MeetingOutcome.objects.exists()
