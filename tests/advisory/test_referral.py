"""An advisor refers a counselling booking into the one entrance: the note page links to the
front desk with the booking, and once the case exists its reference is kept on the note."""

import pytest

from advisory.models import CounsellingBooking
from cases.models import Case
from intake.models import ApplicationDraft
from kes.constants import Role
from routing.services import user_roles_grant
from tests.factories import load_shipped_catalogue

from .helpers import slot

pytestmark = pytest.mark.django_db


def step(draft, name):
    return f"/en/apply/{draft.pk}/{name}/"


@pytest.fixture
def booking(advisor_user):
    return CounsellingBooking.objects.create(
        slot=slot(advisor=advisor_user, days=-1),
        name="Bo Baker",
        email="bo@example.invalid",
        language="en",
        topic="permits",
        description="Signs on the facade",
    )


def test_the_note_page_links_to_the_front_desk_for_kes_staff(client, advisor_user, booking):
    client.force_login(advisor_user)
    assert (
        "advisory_booking="
        not in client.get(f"/en/staff/advice/bookings/{booking.pk}/").content.decode()
    )
    user_roles_grant(user=advisor_user, roles=[Role.KES_STAFF])
    body = client.get(f"/en/staff/advice/bookings/{booking.pk}/").content.decode()
    assert f"/en/staff/intake/?advisory_booking={booking.pk}" in body


def test_the_case_created_by_referral_is_kept_on_the_note(
    client, advisor_user, booking, django_capture_on_commit_callbacks
):
    load_shipped_catalogue()
    user_roles_grant(user=advisor_user, roles=[Role.KES_STAFF])
    client.force_login(advisor_user)
    client.post(
        f"/en/staff/intake/?services=sign_rules&advisory_booking={booking.pk}",
        {"cvr": "12345607", "name": "Demo Café ApS", "email": "cafe@example.invalid"},
    )
    draft = ApplicationDraft.objects.get()
    client.post(step(draft, "channel"), {"channel": "counter", "received_on": ""})
    client.post(step(draft, "details"), {"description": "Skilte på facaden."})
    client.post(step(draft, "shown"), {})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            step(draft, "review"),
            {"topic": "Facadeskilte", "text": "Kræver normalt ikke tilladelse."},
        )
    case = Case.objects.get()
    booking.refresh_from_db()
    assert booking.note.case_reference == case.reference


@pytest.mark.parametrize("value", ["999999", "abc", "²", "1" * 40, "-1"])
def test_an_unknown_booking_is_ignored(client, kes_user, value):
    load_shipped_catalogue()
    client.force_login(kes_user)
    response = client.post(
        f"/en/staff/intake/?services=sign_rules&advisory_booking={value}",
        {"cvr": "12345607", "name": "Demo Café ApS", "email": "cafe@example.invalid"},
    )
    assert response.status_code == 302
    assert not any(key.startswith("advisory_referral:") for key, _value in client.session.items())
