"""Virksomhedslods from end to end: a large event (>= 1,000 attendees) gets a pilot, the
pilot introduces the business to each department, the departments decide, and the pilot
closes the case with a summary that the combined decision letter carries."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from viewflow.workflow.status import PROCESS

from cases.constants import CaseStatus, EventKind, NotificationKind, TaskKind, TaskStatus
from cases.models import CaseEvent, PilotIntroduction, PilotSummary
from cases.services import (
    case_pilot_assign,
    case_track_override,
    kes_task_complete,
    pilot_case_close,
    pilot_introduction_add,
    pilot_introduction_complete,
    task_decide,
)
from cases.services.pilots import involved_department_ids, waits_for_pilot_close
from cases.services.routing import process_of
from kes.models import Notification
from routing.calendar import local_date
from routing.models import Department
from tests.cases.helpers import APPROVE, CONCERT, PLOT, decide_all, submit_case, worker
from tests.cases.test_decision_letter import pdf_text

LARGE_EVENT = {"event_public_space": {**CONCERT["event_public_space"], "expected_attendance": 1000}}


@pytest.fixture
def pilot(pilot_user):
    pilot_user.first_name, pilot_user.last_name = "Petra", "Lods"
    pilot_user.email, pilot_user.phone = "petra.lods@kk.example", "+45 33 66 12 34"
    pilot_user.save()
    return pilot_user


def introduce_all(case, pilot):
    today = local_date(timezone.now())
    for department_id in sorted(involved_department_ids(case)):
        pilot_introduction_add(
            case=case,
            by=pilot,
            department_id=department_id,
            contact_name=f"Kontakt {department_id}",
            contact_email="kontakt@kk.example",
            contact_phone="33 66 00 00",
            introduced_on=today,
        )


@pytest.fixture
def case(catalogue, business, business_user):
    """A large event on the pilot track; list it after the users the test needs, as the
    case's submission comes after theirs in the tests that submit it themselves."""
    return pilot_case(business, business_user)


def pilot_case(business, business_user, answers=LARGE_EVENT):
    case = submit_case(business, business_user, ["event_public_space"], answers)
    assert case.track == "pilot"
    return case


@pytest.mark.django_db(transaction=False)
def test_large_event_goes_pilot_introduction_departments_closed_with_summary(
    catalogue,
    business,
    business_user,
    kes_user,
    pilot,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    case = pilot_case(business, business_user)
    task = case.tasks.get()
    assert task.kind == TaskKind.ASSIGN_PILOT and task.status == TaskStatus.OPEN

    with django_capture_on_commit_callbacks(execute=True):
        case_pilot_assign(case=case, pilot=pilot, by=kes_user)
    case.refresh_from_db()
    task.refresh_from_db()
    assert case.pilot == pilot and case.pilot_assigned_at is not None
    assert task.assignee == pilot and task.status == TaskStatus.OPEN
    notice = Notification.objects.get(kind=NotificationKind.PILOT_ASSIGNED)
    assert notice.recipient == business.email
    (mail,) = mailoutbox
    assert "Petra Lods" in mail.body and "+45 33 66 12 34" in mail.body
    assert "petra.lods@kk.example" in mail.body

    # The departments wait for the introduction.
    assert not case.tasks.filter(kind=TaskKind.DECISION).exists()
    with pytest.raises(ValidationError):
        pilot_introduction_complete(case=case, by=pilot)
    introduce_all(case, pilot)
    assert PilotIntroduction.objects.filter(case=case).count() == len(involved_department_ids(case))
    pilot_introduction_complete(case=case, by=pilot)
    decisions = case.tasks.filter(kind=TaskKind.DECISION)
    assert decisions.count() == 4
    assert set(decisions.values_list("department_id", flat=True)) == involved_department_ids(case)

    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS, "a pilot case waits for its pilot"
    assert waits_for_pilot_close(case)

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pilot_case_close(case=case, by=pilot, summary="Alt er på plads til koncerten.")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_at is not None
    assert PilotSummary.objects.get(case=case).text == "Alt er på plads til koncerten."
    assert process_of(case).status == PROCESS.DONE
    (letter_mail,) = mailoutbox
    assert "Alt er på plads til koncerten." in letter_mail.body
    assert "Petra Lods" in letter_mail.body
    text = pdf_text(letter_mail.attachments[0][1])
    assert "Alt er på plads til koncerten." in text
    assert "+45 33 66 12 34" in text
    kinds = list(case.events.values_list("kind", flat=True))
    for kind in (
        EventKind.PILOT_ASSIGNED,
        EventKind.PILOT_INTRODUCED,
        EventKind.KES_TASK_DONE,
        EventKind.PILOT_SUMMARY_WRITTEN,
        EventKind.CLOSED,
    ):
        assert kind in kinds


def test_self_service_case_still_closes_with_its_last_decision(catalogue, business, business_user):
    case = submit_case(business, business_user)
    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_the_generic_kes_completion_no_longer_starts_a_pilot_case(kes_user, case):
    with pytest.raises(ValidationError):
        kes_task_complete(task=case.tasks.get(), by=kes_user, note="Peter tager den")
    assert case.tasks.get().status == TaskStatus.OPEN


def test_only_kes_staff_assign_and_only_the_pilot_introduces_and_closes(
    catalogue, business, business_user, kes_user, pilot, caseworker_user, django_user_model
):
    case = pilot_case(business, business_user)
    for user in (pilot, caseworker_user, business_user):
        with pytest.raises(PermissionDenied):
            case_pilot_assign(case=case, pilot=pilot, by=user)
    case_pilot_assign(case=case, pilot=pilot, by=kes_user)
    other = django_user_model.objects.create_user("another-pilot")
    department_id = min(involved_department_ids(case))
    for user in (kes_user, other, business_user):
        with pytest.raises(PermissionDenied):
            pilot_introduction_add(
                case=case,
                by=user,
                department_id=department_id,
                contact_name="X",
                introduced_on=local_date(timezone.now()),
            )
        with pytest.raises(PermissionDenied):
            pilot_introduction_complete(case=case, by=user)
    assert not PilotIntroduction.objects.filter(case=case).exists()


def test_a_non_pilot_cannot_be_assigned(kes_user, case):
    with pytest.raises(ValidationError) as excinfo:
        case_pilot_assign(case=case, pilot=kes_user, by=kes_user)
    assert "pilot" in excinfo.value.message_dict
    case.refresh_from_db()
    assert case.pilot is None
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.PILOT_ASSIGNED).exists()


def test_assigning_again_changes_the_pilot_and_tells_the_business_again(
    catalogue, business, business_user, kes_user, pilot, django_user_model
):
    from kes.constants import Role
    from routing.services import user_roles_grant

    second = django_user_model.objects.create_user("t-pilot-2")
    user_roles_grant(user=second, roles=[Role.PILOT])
    case = pilot_case(business, business_user)
    case_pilot_assign(case=case, pilot=pilot, by=kes_user)
    case_pilot_assign(case=case, pilot=pilot, by=kes_user)  # the same pilot: nothing new
    case_pilot_assign(case=case, pilot=second, by=kes_user)
    case.refresh_from_db()
    assert case.pilot == second and case.tasks.get().assignee == second
    assert CaseEvent.objects.filter(case=case, kind=EventKind.PILOT_ASSIGNED).count() == 2
    assert Notification.objects.filter(kind=NotificationKind.PILOT_ASSIGNED).count() == 2


def test_the_pilot_cannot_close_before_every_department_decided(kes_user, pilot, case):
    case_pilot_assign(case=case, pilot=pilot, by=kes_user)
    introduce_all(case, pilot)
    pilot_introduction_complete(case=case, by=pilot)
    first = case.tasks.filter(kind=TaskKind.DECISION).select_related("department").first()
    task_decide(task=first, by=worker(first.department.code), **APPROVE)
    with pytest.raises(ValidationError) as excinfo:
        pilot_case_close(case=case, by=pilot, summary="Færdig")
    assert "summary" in excinfo.value.message_dict
    assert not PilotSummary.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    "summary",
    ["", "   ", "x" * 3001, "nul\x00byte", "lone \ud800 surrogate", None, 42],
)
def test_a_bad_summary_is_refused_and_nothing_is_stored(kes_user, pilot, summary, case):
    case_pilot_assign(case=case, pilot=pilot, by=kes_user)
    introduce_all(case, pilot)
    pilot_introduction_complete(case=case, by=pilot)
    decide_all(case)
    with pytest.raises(ValidationError) as excinfo:
        pilot_case_close(case=case, by=pilot, summary=summary)
    assert "summary" in excinfo.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert not PilotSummary.objects.filter(case=case).exists()


def test_a_star_meeting_declined_into_pilot_waits_for_the_pilot_too(
    catalogue, business, kes_user, pilot
):
    """The override changes KES's task kind in place (TRIAGE -> ASSIGN_PILOT); the case
    then follows the pilot path, closing step included."""
    case = submit_case(business, kes_user, ["buy_municipal_plot"], PLOT, channel="counter")
    assert case.track == "star_meeting"
    case_track_override(case=case, by=kes_user, track="pilot", reason="Ikke stjernemøde")
    task = case.tasks.get()
    assert task.kind == TaskKind.ASSIGN_PILOT
    case_pilot_assign(case=case, pilot=pilot, by=kes_user)
    introduce_all(case, pilot)
    pilot_introduction_complete(case=case, by=pilot)
    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    pilot_case_close(case=case, by=pilot, summary="Grunden er jeres.")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_a_task_keeps_its_clock_across_a_track_override(
    catalogue, business, business_user, kes_user
):
    """Time used survives an override: the task is changed in place, never re-created."""
    case = submit_case(business, kes_user, ["outdoor_serving"], channel="phone")
    assert case.track == "assisted"
    task = case.tasks.get()
    received_on = task.received_on - timedelta(days=9)
    type(task).objects.filter(pk=task.pk).update(
        received_on=received_on, paused_units=3, deadline=task.deadline
    )
    case_track_override(case=case, by=kes_user, track="self_service", reason="Kan selv")
    after = case.tasks.get()
    assert after.pk == task.pk
    assert (after.received_on, after.paused_units) == (received_on, 3)

    pilot = pilot_case(business, business_user)
    waiting = pilot.tasks.get()
    type(waiting).objects.filter(pk=waiting.pk).update(received_on=received_on)
    case_track_override(case=pilot, by=kes_user, track="star_meeting", reason="Fælles møde")
    changed = pilot.tasks.get()
    assert changed.pk == waiting.pk and changed.kind == TaskKind.TRIAGE
    assert changed.received_on == received_on


def test_introductions_only_for_the_departments_of_the_case(kes_user, pilot, case):
    case_pilot_assign(case=case, pilot=pilot, by=kes_user)
    outside = Department.objects.exclude(pk__in=involved_department_ids(case)).first()
    with pytest.raises(ValidationError) as excinfo:
        pilot_introduction_add(
            case=case,
            by=pilot,
            department_id=outside.pk,
            contact_name="X",
            introduced_on=local_date(timezone.now()),
        )
    assert "department" in excinfo.value.message_dict


def test_a_proposal_the_committee_declines_follows_the_pilot_path(
    catalogue, business, kes_user, triage_user, pilot
):
    from cases.services import triage_decline

    case = submit_case(business, kes_user, ["buy_municipal_plot"], PLOT, channel="counter")
    triage_decline(case=case, by=triage_user, reason="En lods kan klare det.")
    case.refresh_from_db()
    assert case.track == "pilot"
    case_pilot_assign(case=case, pilot=pilot, by=kes_user)
    introduce_all(case, pilot)
    pilot_introduction_complete(case=case, by=pilot)
    decide_all(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS and waits_for_pilot_close(case)
    pilot_case_close(case=case, by=pilot, summary="Grunden er jeres.")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_the_information_request_and_staff_message_name_the_pilot(
    kes_user, pilot, mailoutbox, django_capture_on_commit_callbacks, case
):
    from cases.services import message_send, task_request_information

    case_pilot_assign(case=case, pilot=pilot, by=kes_user)
    introduce_all(case, pilot)
    pilot_introduction_complete(case=case, by=pilot)
    task = case.tasks.filter(kind=TaskKind.DECISION).select_related("department").first()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        task_request_information(
            task=task,
            by=worker(task.department.code),
            text="Send en plan over pladsen",
            due_on=local_date(timezone.now()) + timedelta(days=10),
        )
        message_send(case=case, by=pilot, text="Hej fra din lods")
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        assert "Petra Lods" in mail.body and "+45 33 66 12 34" in mail.body
        assert "petra.lods@kk.example" in mail.body
