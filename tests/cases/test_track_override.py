"""KES staff change a case's track with a reason; the flow follows where it must."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.constants import EventKind, TaskKind, TaskStatus, Track
from cases.services import case_track_override, task_decide
from tests.cases.helpers import CONCERT, OUTDOOR, department_member, submit_case


@pytest.fixture
def submit(business, business_user):
    def submit(services, answers):
        return submit_case(business, business_user, services, answers)

    return submit


def test_a_pilot_case_moved_to_self_service_goes_to_its_departments(submit, kes_user):
    case = submit(["event_public_space"], CONCERT)
    assert case.track == Track.PILOT
    case_track_override(case=case, by=kes_user, track=Track.SELF_SERVICE, reason="Simpel sag")
    case.refresh_from_db()
    assert case.track == Track.SELF_SERVICE
    assert case.tasks.get(kind=TaskKind.ASSIGN_PILOT).status == TaskStatus.DONE
    assert case.tasks.filter(kind=TaskKind.DECISION).count() == 4
    event = case.events.get(kind=EventKind.TRACK_OVERRIDDEN)
    assert (event.actor, event.note, event.data) == (
        kes_user,
        "Simpel sag",
        {"from": "pilot", "to": "self_service"},
    )
    assert case.reasons.last().text == "Simpel sag"


def test_a_pilot_case_moved_to_star_meeting_waits_for_triage_instead(submit, kes_user):
    case = submit(["event_public_space"], CONCERT)
    case_track_override(case=case, by=kes_user, track=Track.STAR_MEETING, reason="Mange parter")
    task = case.tasks.get()
    assert (task.kind, task.status) == (TaskKind.TRIAGE, TaskStatus.OPEN)


@pytest.mark.parametrize(
    ("track", "field"),
    [
        (Track.PILOT, "track"),  # the departments already work on it
        (Track.IMMEDIATE, "track"),
        (Track.SELF_SERVICE, "track"),  # no change
        ("nonsense", "track"),
    ],
)
def test_refused_changes_store_nothing(submit, kes_user, track, field):
    case = submit(["outdoor_serving"], OUTDOOR)
    with pytest.raises(ValidationError) as excinfo:
        case_track_override(case=case, by=kes_user, track=track, reason="Fordi")
    assert field in excinfo.value.message_dict
    case.refresh_from_db()
    assert case.track == Track.SELF_SERVICE
    assert not case.events.filter(kind=EventKind.TRACK_OVERRIDDEN).exists()


def test_a_reason_is_required_and_only_kes_staff_change_tracks(submit, kes_user, manager_user):
    case = submit(["outdoor_serving"], OUTDOOR)
    with pytest.raises(ValidationError) as excinfo:
        case_track_override(case=case, by=kes_user, track=Track.ASSISTED, reason="  ")
    assert "reason" in excinfo.value.message_dict
    with pytest.raises(PermissionDenied):
        case_track_override(case=case, by=manager_user, track=Track.ASSISTED, reason="Fordi")
    case_track_override(case=case, by=kes_user, track=Track.ASSISTED, reason="Ringede ind")
    case.refresh_from_db()
    assert case.track == Track.ASSISTED


def test_a_closed_case_keeps_its_track(submit, kes_user):
    case = submit(["outdoor_serving"], OUTDOOR)
    worker = department_member("w", "city_use")
    task_decide(task=case.tasks.get(), by=worker, outcome="approved", statement="Ja")
    with pytest.raises(ValidationError):
        case_track_override(case=case, by=kes_user, track=Track.ASSISTED, reason="Fordi")


def test_the_staff_page_changes_the_track_and_shows_the_override(client, submit, kes_user):
    case = submit(["outdoor_serving"], OUTDOOR)
    client.force_login(kes_user)
    url = reverse("staff_case_track", args=[case.reference])
    page = client.post(url, {"track-track": "assisted", "track-reason": ""})
    assert page.status_code == 200
    assert "track-reason" in page.content.decode()
    response = client.post(url, {"track-track": "assisted", "track-reason": "Ringede ind"})
    assert response.status_code == 302
    html = client.get(f"/en{reverse('staff_case_detail', args=[case.reference])}").content
    assert "Ringede ind" in html.decode() and "Track changed by staff" in html.decode()


def test_the_override_form_is_for_kes_staff_only(client, submit, manager_user, caseworker_user):
    case = submit(["outdoor_serving"], OUTDOOR)
    url = reverse("staff_case_track", args=[case.reference])
    data = {"track-track": "assisted", "track-reason": "Fordi"}
    client.force_login(manager_user)
    assert client.post(url, data).status_code == 403
    assert (
        "staff_case_track"
        not in client.get(reverse("staff_case_detail", args=[case.reference])).content.decode()
    )
    client.force_login(caseworker_user)
    assert client.post(url, data).status_code == 403
