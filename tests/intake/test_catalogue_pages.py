import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake.catalogue import DEFAULT_CATALOGUE
from intake.models import Service
from intake.services import catalogue_load

DATA = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture
def catalogue(db):
    catalogue_load(data=DATA)


def test_service_page_in_english(client, catalogue):
    html = client.get("/en/services/outdoor_serving/").content.decode()
    assert "<h1" in html and "Outdoor serving outside a café or restaurant" in html
    assert "Centre for City Use" in html  # who decides
    assert "Scaled drawing of the serving area" in html  # documents
    assert "How many m² do you want to use?" in html  # questions
    assert "within 20 working days" in html  # target
    assert "Do I have to reapply every year?" in html  # FAQ
    assert 'href="/en/apply/?services=outdoor_serving"' in html


def test_service_page_in_danish(client, catalogue):
    html = client.get("/services/outdoor_serving/").content.decode()
    assert "Udeservering foran café eller restaurant" in html
    assert "Center for Byens Anvendelse" in html


def test_service_page_names_the_authorities_to_contact(client, catalogue):
    html = client.get("/en/services/cafe_permits_guide/").content.decode()
    assert "Danish Veterinary and Food Administration" in html and "foedevarestyrelsen.dk" in html


def test_calendar_day_target_is_worded_as_such(client, catalogue):
    service = Service.objects.filter(target_unit="calendar").first()
    html = client.get(f"/en/services/{service.code}/").content.decode()
    assert f"within {service.target_days} calendar days" in html


@pytest.mark.parametrize("code", ["no_such_service", "../etc"])
def test_unknown_service_is_404(client, catalogue, code):
    assert client.get(f"/en/services/{code}/").status_code == 404


def test_inactive_service_is_404(client, catalogue):
    Service.objects.filter(code="a_sign").update(is_active=False)
    assert client.get("/en/services/a_sign/").status_code == 404


def test_directory_lists_administrations_departments_and_what_they_decide(client, catalogue):
    html = client.get("/en/directory/").content.decode()
    assert "Technical and Environmental Administration" in html
    assert "Centre for City Use" in html and "byensanvendelse@example.invalid" in html
    assert 'href="/en/services/outdoor_serving/"' in html


@pytest.mark.parametrize("path", ["/en/directory/", "/en/services/"])
def test_lists_take_constant_queries(client, db, path):
    small = {**DATA, "services": DATA["services"][:3]}
    catalogue_load(data=small)
    client.get(path)  # warm caches (translations, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    catalogue_load(data=DATA)
    with CaptureQueriesContext(connection) as many:
        client.get(path)
    assert len(few) == len(many)


def test_service_page_takes_constant_queries(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/en/services/outdoor_serving/")
