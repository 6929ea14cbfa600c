"""Who may do what with a star meeting: only the triage committee decides proposals (403),
a case that is no proposal waiting is 404; participants see the meeting and its material
but not unrelated cases (404); the .ics follows the meeting's visibility; the lists load in
a constant number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.constants import MeetingStatus
from cases.models import StarMeeting
from cases.services import meeting_minutes_record, meeting_participant_add
from routing.models import Department
from tests.cases.helpers import OUTDOOR, approve_star_meeting, submit_case, worker
from tests.cases.meeting_helpers import approved_meeting, plan, plot_proposal

pytestmark = pytest.mark.django_db


def _soon():
    return timezone.now().replace(microsecond=0) + timedelta(days=10)


def test_only_the_triage_committee_decides(
    client, business, kes_user, triage_user, caseworker_user, manager_user, pilot_user
):
    case = plot_proposal(business, kes_user)
    url = reverse("triage_detail", args=[case.reference])
    for user in (kes_user, caseworker_user, manager_user, pilot_user):
        client.force_login(user)
        assert client.get(reverse("triage_list")).status_code == 403
        assert client.post(url, {"decision": "approve"}).status_code == 403
    client.force_login(triage_user)
    assert client.get(reverse("triage_list")).status_code == 200
    # A case that is not a proposal waiting is 404 even for the committee.
    other = submit_case(business, kes_user, ["outdoor_serving"], OUTDOOR)
    assert client.get(reverse("triage_detail", args=[other.reference])).status_code == 404
    assert client.get(reverse("triage_detail", args=["KES-1999-000001"])).status_code == 404
    response = client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    assert client.get(url).status_code == 404  # decided


def test_a_decline_without_a_reason_shows_the_message(client, business, kes_user, triage_user):
    case = plot_proposal(business, kes_user)
    client.force_login(triage_user)
    response = client.post(
        "/en" + reverse("triage_detail", args=[case.reference]),
        {"decision": "decline", "reason": ""},
    )
    assert response.status_code == 200
    assert "Write why the star meeting is declined." in response.content.decode()


def test_participants_see_the_meeting_but_not_unrelated_cases(
    client, business, kes_user, outsider_user, other_business_user
):
    meeting = approved_meeting(business, kes_user)
    # A KES member of no involved department takes part.
    participant = worker("kes", name="kes-participant")
    meeting_participant_add(
        meeting=meeting,
        by=kes_user,
        user=participant,
        department=Department.objects.get(code="kes"),
    )
    plan(meeting, kes_user, _soon())
    reference = meeting.case.reference
    unrelated = submit_case(business, kes_user, ["outdoor_serving"], OUTDOOR)
    client.force_login(participant)
    assert client.get(reverse("meeting_detail", args=[reference])).status_code == 200
    assert client.get(reverse("star_meeting_ics", args=[reference])).status_code == 200
    page = client.get(reverse("my_meetings")).content.decode()
    assert reference in page
    assert client.get(reverse("staff_case_detail", args=[unrelated.reference])).status_code == 404
    for user in (outsider_user, other_business_user):
        client.force_login(user)
        assert client.get(reverse("meeting_detail", args=[reference])).status_code == 404
        assert client.get(reverse("star_meeting_ics", args=[reference])).status_code == 404
    # A department member who does not take part sees the meeting through its case's task.
    client.force_login(worker("traffic"))
    assert client.get(reverse("meeting_detail", args=[reference])).status_code == 200
    # ...but only KES staff plan (403).
    response = client.post(reverse("meeting_plan", args=[reference]), {"plan-day": "x"})
    assert response.status_code == 403


def test_the_business_sees_its_meeting_and_downloads_the_ics(
    client, business, business_user, kes_user, other_business_user
):
    meeting = approved_meeting(business, kes_user)
    plan(meeting, kes_user, _soon())
    reference = meeting.case.reference
    client.force_login(business_user)
    page = client.get("/en" + reverse("my_case_detail", args=[reference])).content.decode()
    assert "Your star meeting" in page and "Rådhuset, lokale 12" in page
    response = client.get(reverse("star_meeting_ics", args=[reference]))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"METHOD:PUBLISH" in response.content and str(meeting.uid).encode() in response.content
    # Staff pages stay closed to the business.
    assert client.get(reverse("meeting_detail", args=[reference])).status_code == 404
    item = meeting.checklist.first()
    client.force_login(other_business_user)
    url = reverse("my_meeting_material", args=[reference, item.pk])
    assert client.post(url, {}).status_code == 404


def _approved(business, kes_user, count):
    meetings = [approved_meeting(business, kes_user) for _ in range(count)]
    for meeting in meetings:
        for code in ("building", "traffic"):
            meeting_participant_add(
                meeting=meeting,
                by=kes_user,
                user=worker(code),
                department=Department.objects.get(code=code),
            )
        plan(meeting, kes_user, _soon())
    return meetings


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_triage_queue_is_constant_in_the_number_of_proposals(
    client, business, kes_user, triage_user
):
    client.force_login(triage_user)
    plot_proposal(business, kes_user)
    one = _queries(client, reverse("triage_list"))
    for _ in range(4):
        plot_proposal(business, kes_user)
    assert _queries(client, reverse("triage_list")) == one


def test_my_meetings_and_the_meeting_list_are_constant(client, business, kes_user):
    _approved(business, kes_user, 1)
    client.force_login(worker("building"))
    one = _queries(client, reverse("my_meetings"))
    client.force_login(kes_user)
    one_kes = _queries(client, reverse("meeting_list"))
    _approved(business, kes_user, 3)
    client.force_login(worker("building"))
    assert _queries(client, reverse("my_meetings")) == one
    client.force_login(kes_user)
    assert _queries(client, reverse("meeting_list")) == one_kes


def test_cancelled_meetings_leave_my_meetings(client, business, kes_user):
    (meeting,) = _approved(business, kes_user, 1)
    client.force_login(worker("building"))
    assert meeting.case.reference in client.get(reverse("my_meetings")).content.decode()
    type(meeting).objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED)
    assert meeting.case.reference not in client.get(reverse("my_meetings")).content.decode()


def test_the_staff_case_page_links_the_meeting(client, business, kes_user):
    case = plot_proposal(business, kes_user)
    client.force_login(kes_user)
    url = f"/en/staff/cases/{case.reference}/"
    assert "Waiting for the triage committee" in client.get(url).content.decode()
    approve_star_meeting(case)
    assert f"/en/staff/meetings/{case.reference}/" in client.get(url).content.decode()


def test_a_bad_material_file_gets_a_clear_message(client, business, business_user, kes_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = approved_meeting(business, kes_user)
    item = meeting.checklist.first()
    client.force_login(business_user)
    response = client.post(
        f"/en/my/cases/{meeting.case.reference}/meeting/items/{item.pk}/",
        {"files": [SimpleUploadedFile("tilbud.pdf", b"MZ\x90\x00not a pdf")]},
        follow=True,
    )
    page = response.content.decode()
    assert "“tilbud.pdf”" in page and "alert-error" in page
    assert not item.documents.exists()
    response = client.post(
        f"/en/my/cases/{meeting.case.reference}/meeting/items/{item.pk}/", {}, follow=True
    )
    assert "Choose a file to upload." in response.content.decode()


def _held(business, kes_user):
    meeting = approved_meeting(business, kes_user)
    plan(meeting, kes_user, _soon())
    StarMeeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    meeting_minutes_record(meeting=meeting, by=kes_user, attendees="Ida", discussion="Drøftet")
    return meeting


def test_the_outcome_form_refuses_a_rejection_without_its_constructive_parts(
    client, business, kes_user
):
    meeting = _held(business, kes_user)
    url = f"/en/staff/meetings/{meeting.case.reference}/outcome/"
    traffic = Department.objects.get(code="traffic")
    client.force_login(worker("traffic"))
    response = client.post(
        url,
        {
            "outcome-department": traffic.pk,
            "outcome-result": "decided",
            "outcome-outcome": "rejected",
            "outcome-statement": "Nej.",
        },
    )
    assert response.status_code == 200
    assert "Explain what would make the project approvable." in response.content.decode()
    assert not meeting.outcomes.exists()
    response = client.post(
        url,
        {
            "outcome-department": traffic.pk,
            "outcome-result": "decided",
            "outcome-outcome": "approved",
            "outcome-statement": "Ja.",
        },
    )
    assert response.status_code == 302
    assert meeting.outcomes.get().decided_at_meeting
    # Someone of no involved department (or a department that has spoken) may not.
    client.force_login(kes_user)
    assert client.post(url, {"outcome-department": traffic.pk}).status_code == 403
    client.force_login(worker("traffic"))
    assert client.post(url, {"outcome-department": traffic.pk}).status_code == 403


def test_minutes_and_cancelling_are_for_kes_staff(client, business, kes_user):
    meeting = approved_meeting(business, kes_user)
    plan(meeting, kes_user, _soon())
    reference = meeting.case.reference
    client.force_login(worker("traffic"))
    for action in ("minutes", "cancel", "checklist", "plan"):
        assert client.post(f"/en/staff/meetings/{reference}/{action}/", {}).status_code == 403
    # A caseworker who is no lead nominates nobody.
    assert client.post(f"/en/staff/meetings/{reference}/participants/", {}).status_code == 403
    client.force_login(kes_user)
    response = client.post(f"/en/staff/meetings/{reference}/cancel/", {"cancel-reason": ""})
    assert response.status_code == 200
    assert "Write why the meeting is cancelled." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_the_task_shows_the_deadline_agreed_at_the_meeting(client, business, kes_user):
    from cases.services import meeting_outcome_record

    meeting = _held(business, kes_user)
    due = timezone.localdate() + timedelta(days=10)
    outcome = meeting_outcome_record(
        meeting=meeting,
        department=Department.objects.get(code="traffic"),
        by=worker("traffic"),
        decided_at_meeting=False,
        follow_up_text="Trafikvurdering af adgangsvejen",
        follow_up_due_on=due,
    )
    client.force_login(worker("traffic"))
    page = client.get(f"/en/staff/tasks/{outcome.follow_up.task_id}/").content.decode()
    assert "Agreed at the star meeting" in page
    assert "Trafikvurdering af adgangsvejen" in page
