"""The application wizard: business journey, drafts, uploads, staff-assisted intake, quick answers."""

import datetime

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.models import Business, Case
from intake.catalogue import DEFAULT_CATALOGUE
from intake.models import ApplicationDraft
from intake.services import catalogue_load
from tests.factories import file_bytes

PDF = file_bytes("pdf")


@pytest.fixture
def catalogue(db):
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))


def _start(client, *services):
    response = client.post("/en/apply/", {"services": list(services)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ApplicationDraft.objects.latest("created_at"), response["Location"]


def _step(draft, step):
    return f"/en/apply/{draft.pk}/{step}/"


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/en/apply/?services=outdoor_serving")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_user_without_business_is_sent_to_registration(client, outsider_user, catalogue):
    client.force_login(outsider_user)
    assert client.get("/en/apply/")["Location"].endswith("/register/")


def test_start_is_prefilled_from_the_guide(client, business_user, catalogue):
    client.force_login(business_user)
    html = client.get("/en/apply/?services=outdoor_serving").content.decode()
    assert 'value="outdoor_serving" class="form-checkbox" id="id_services_' in html
    assert "checked" in html.split('value="outdoor_serving"')[1][:80]


def test_start_without_a_service_is_refused(client, business_user, catalogue):
    client.force_login(business_user)
    response = client.post("/en/apply/", {})
    assert "Choose at least one service." in response.content.decode()
    assert not ApplicationDraft.objects.exists()


def test_business_journey_to_a_submitted_case(
    client, business_user, catalogue, django_capture_on_commit_callbacks
):
    client.force_login(business_user)
    draft, location = _start(client, "outdoor_serving")
    assert location == _step(draft, "answers-outdoor_serving")

    response = client.post(location, {"area_m2": "", "location_type": "pavement"})
    assert response.status_code == 200
    assert 'href="#id_area_m2"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.answers == {}

    response = client.post(
        location, {"area_m2": "20", "location_type": "pavement", "serves_alcohol": "false"}
    )
    assert response["Location"] == _step(draft, "details")
    draft.refresh_from_db()
    assert draft.answers == {
        "outdoor_serving": {"area_m2": 20, "location_type": "pavement", "serves_alcohol": False}
    }

    # Back: the answers are still there.
    html = client.get(location).content.decode()
    assert 'value="20"' in html

    response = client.post(_step(draft, "details"), {"description": "Seks borde foran caféen."})
    assert response["Location"] == _step(draft, "documents")

    upload = SimpleUploadedFile("tegning.pdf", PDF, content_type="application/pdf")
    response = client.post(
        _step(draft, "documents"), {"upload": "1", "document_code": "site_plan", "file": upload}
    )
    assert response.status_code == 302
    assert draft.documents.count() == 1

    response = client.post(_step(draft, "documents"), {})
    assert response["Location"] == _step(draft, "review")

    html = client.get(_step(draft, "review")).content.decode()
    assert (
        "You can apply yourself – we send your application directly to Centre for City Use." in html
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_step(draft, "review"), {})
    case = Case.objects.get()
    assert response["Location"] == f"/en/apply/submitted/{case.reference}/"
    assert (case.track, case.channel, case.submitted_by) == (
        "self_service",
        "digital",
        business_user,
    )
    assert case.documents.count() == 1
    assert not ApplicationDraft.objects.exists()
    html = client.get(response["Location"]).content.decode()
    assert case.reference in html


def test_a_file_that_is_not_an_allowed_type_is_refused(client, business_user, catalogue):
    client.force_login(business_user)
    draft, _ = _start(client, "outdoor_serving")
    upload = SimpleUploadedFile(
        "tegning.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf"
    )
    response = client.post(
        _step(draft, "documents"), {"upload": "1", "document_code": "site_plan", "file": upload}
    )
    assert response.status_code == 200
    assert 'href="#id_file"' in response.content.decode()
    assert draft.documents.count() == 0


def test_someone_elses_draft_is_404(client, business_user, other_business_user, catalogue):
    client.force_login(business_user)
    draft, location = _start(client, "outdoor_serving")
    client.force_login(other_business_user)
    assert client.get(location).status_code == 404
    assert client.post(_step(draft, "review"), {}).status_code == 404


def test_unknown_step_is_404(client, business_user, catalogue):
    client.force_login(business_user)
    draft, _ = _start(client, "outdoor_serving")
    assert client.get(_step(draft, "answers-a_sign")).status_code == 404


def test_staff_intake_is_403_for_a_business(client, business_user, db):
    client.force_login(business_user)
    assert client.get(reverse("staff_intake")).status_code == 403


def test_staff_register_a_counter_application_received_two_days_ago(
    client, kes_user, catalogue, django_capture_on_commit_callbacks
):
    client.force_login(kes_user)
    response = client.post("/en/staff/intake/", {"cvr": "12345607"})
    assert "not in the portal yet" in response.content.decode()
    assert not Business.objects.exists()

    response = client.post(
        "/en/staff/intake/?services=outdoor_serving",
        {"cvr": "12345607", "name": "Demo Café ApS", "email": "cafe@example.invalid"},
    )
    draft = ApplicationDraft.objects.get()
    assert response["Location"] == _step(draft, "channel")
    assert draft.staff_assisted and draft.business.cvr == "12345607"

    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(_step(draft, "channel"), {"channel": "counter", "received_on": future})
    assert "cannot be in the future" in response.content.decode()

    two_days_ago = timezone.localdate() - datetime.timedelta(days=2)
    client.post(
        _step(draft, "channel"), {"channel": "counter", "received_on": two_days_ago.isoformat()}
    )
    client.post(
        _step(draft, "answers-outdoor_serving"),
        {"area_m2": "20", "location_type": "pavement", "serves_alcohol": "false"},
    )
    client.post(_step(draft, "details"), {"description": "Ansøgning modtaget pr. telefon."})
    client.post(_step(draft, "documents"), {})
    client.post(_step(draft, "shown"), {"shown_topics": ["apply_online", "my_cases"]})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_step(draft, "review"), {})
    case = Case.objects.get()
    assert (case.channel, case.track, case.assisted_by) == ("counter", "assisted", kes_user)
    assert timezone.localtime(case.received_at).date() == two_days_ago
    assert case.shown_topics == ["apply_online", "my_cases"]


def test_staff_record_a_quick_answer_and_the_case_closes(
    client, kes_user, catalogue, django_capture_on_commit_callbacks
):
    client.force_login(kes_user)
    client.post(
        "/en/staff/intake/?services=sign_rules",
        {"cvr": "12345607", "name": "Demo Café ApS", "email": "cafe@example.invalid"},
    )
    draft = ApplicationDraft.objects.get()
    client.post(_step(draft, "channel"), {"channel": "counter", "received_on": ""})
    client.post(_step(draft, "details"), {"description": "Spørger om skilte på facaden."})
    client.post(_step(draft, "shown"), {})
    html = client.get(_step(draft, "review")).content.decode()
    assert "Record the answer and close the case" in html
    response = client.post(_step(draft, "review"), {"topic": "", "text": ""})
    assert response.status_code == 200 and not Case.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _step(draft, "review"),
            {
                "topic": "Facadeskilte",
                "text": "Skilte på facaden kræver normalt ikke byggetilladelse.",
            },
        )
    case = Case.objects.get()
    assert (case.track, case.status) == ("immediate", "closed")
    assert case.closed_at is not None
    assert case.immediate_answer.topic == "Facadeskilte"
