"""The front desk (staff-assisted intake): after the CVR lookup staff see what the business
already has going; the wizard then speaks of the business's application; the staff receipt
leads to the staff case page and to the next registration."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cases.models import Case
from cases.services import task_request_information
from intake.forms import StaffChannelForm
from intake.models import ApplicationDraft
from routing.calendar import local_date
from tests.cases.helpers import A_SIGN, OUTDOOR, decide_all, submit_case, worker

LOOKUP = "/en/staff/intake/?services=outdoor_serving"


@pytest.fixture
def known(catalogue, business, business_user):
    """The business with two open cases (one waiting for an answer) and a closed one."""
    waiting = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    request = task_request_information(
        task=waiting.tasks.get(),
        by=worker("city_use"),
        text="Send en målfast tegning af arealet.",
        due_on=local_date(timezone.now()) + timedelta(days=7),
    )
    other = submit_case(business, business_user, ["a_sign"], A_SIGN)
    closed = submit_case(business, business_user, ["a_sign"], A_SIGN)
    decide_all(closed)
    return {"business": business, "open": [waiting, other], "closed": closed, "request": request}


def _lookup(client, business):
    return client.post(LOOKUP, {"cvr": business.cvr})


def test_the_lookup_shows_open_cases_and_waiting_requests_before_any_draft(client, kes_user, known):
    client.force_login(kes_user)
    response = _lookup(client, known["business"])
    assert response.status_code == 200
    body = response.content.decode()
    assert f'data-front-desk-business="{known["business"].cvr}"' in body
    assert [case.pk for case in response.context["open_cases"]] == [
        case.pk for case in reversed(known["open"])
    ]
    assert known["closed"].reference not in body
    assert [r.pk for r in response.context["waiting_requests"]] == [known["request"].pk]
    assert "Send en målfast tegning af arealet." in body
    for case in known["open"]:
        assert f'href="/en/staff/cases/{case.reference}/"' in body
    assert f"/en/staff/cases/?q={known['business'].cvr}" in body
    assert 'name="start"' in body
    assert not ApplicationDraft.objects.exists()


def test_starting_from_the_lookup_opens_the_wizard_for_the_business(client, kes_user, known):
    client.force_login(kes_user)
    response = client.post(LOOKUP, {"cvr": known["business"].cvr, "start": "1"})
    draft = ApplicationDraft.objects.get()
    assert response["Location"] == f"/en/apply/{draft.pk}/channel/"
    assert draft.business == known["business"] and draft.services == ["outdoor_serving"]


def test_a_business_new_to_the_portal_goes_straight_to_the_wizard(client, kes_user, catalogue):
    client.force_login(kes_user)
    response = client.post(
        LOOKUP, {"cvr": "12345607", "name": "Demo Café ApS", "email": "cafe@example.invalid"}
    )
    assert response.status_code == 302 and ApplicationDraft.objects.exists()


def test_the_lookup_costs_the_same_queries_and_caps_its_lists(
    client, kes_user, catalogue, business, business_user
):
    client.force_login(kes_user)
    submit_case(business, business_user)
    _lookup(client, business)
    with CaptureQueriesContext(connection) as few:
        _lookup(client, business)
    for _ in range(11):
        submit_case(business, business_user)
    with CaptureQueriesContext(connection) as many:
        response = _lookup(client, business)
    assert len(many) == len(few)
    assert len(response.context["open_cases"]) == 10 and response.context["more_cases"]
    assert "data-more" in response.content.decode()


def test_the_wizard_speaks_of_the_businesss_application_to_staff(client, kes_user, known):
    client.force_login(kes_user)
    client.post(LOOKUP, {"cvr": known["business"].cvr, "start": "1"})
    draft = ApplicationDraft.objects.get()
    body = client.get(f"/en/apply/{draft.pk}/details/").content.decode()
    assert "<h1>The business's project</h1>" in body


def test_the_business_itself_reads_your_project(client, business_user, known):
    client.force_login(business_user)
    client.post("/en/apply/", {"services": ["outdoor_serving"]})
    draft = ApplicationDraft.objects.get()
    assert "<h1>Your project</h1>" in client.get(f"/en/apply/{draft.pk}/details/").content.decode()


def test_the_staff_receipt_links_to_the_staff_case_and_the_next_registration(
    client, kes_user, business_user, known
):
    case = known["open"][0]
    Case.objects.filter(pk=case.pk).update(assisted_by=kes_user)
    client.force_login(kes_user)
    body = client.get(f"/en/apply/submitted/{case.reference}/").content.decode()
    assert f'href="/en/staff/cases/{case.reference}/"' in body
    assert 'href="/en/staff/intake/" data-register-another' in body
    client.force_login(business_user)
    body = client.get(f"/en/apply/submitted/{case.reference}/").content.decode()
    assert "data-register-another" not in body


def test_the_received_date_hint_names_only_the_channels_offered():
    with translation.override("en"):
        form = StaffChannelForm()
        hint = str(form.fields["received_on"].help_text)
        offered = [str(label) for _value, label in form.fields["channel"].choices]
    assert offered == ["At the counter", "By phone"]
    assert "letter" not in hint and "e-mail" not in hint
    assert "phoned" in hint and "counter" in hint
