"""The one entrance leads free advice to the course calendar: the guide proposes courses for
questions about starting a business, and the catalogue's advice service books instead of
applying."""

import pytest

from tests.factories import load_shipped_catalogue

from .helpers import course, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def starting_course():
    offered = course(
        title_en="Starting a business in Copenhagen", title_da="Start din egen virksomhed"
    )
    return session(offering=offered)


@pytest.mark.parametrize(
    ("prefix", "query"),
    [
        ("", "jeg vil starte en virksomhed"),
        ("/en", "how do I register a company"),
        ("/en", "I want to start a business"),
    ],
)
def test_guide_proposes_a_matching_course(client, starting_course, prefix, query):
    body = client.get(f"{prefix}/guide/", {"q": query}).content.decode()
    assert 'id="guide-courses-heading"' in body
    assert f"{prefix}/advice/sessions/{starting_course.pk}/" in body


def test_guide_proposes_no_course_for_unrelated_questions(client, starting_course):
    body = client.get("/en/guide/", {"q": "outdoor serving for my café"}).content.decode()
    assert 'id="guide-courses-heading"' not in body


def test_guide_courses_are_constant_in_queries(client, django_assert_max_num_queries):
    for n in range(6):
        session(offering=course(title_en=f"Starting a business {n}"))
    with django_assert_max_num_queries(12):
        client.get("/en/guide/", {"q": "start a business"})


def test_the_advice_service_leads_to_the_calendar_not_the_wizard(client):
    load_shipped_catalogue()
    body = client.get("/en/guide/", {"q": "free advice course"}).content.decode()
    assert "Sign up for a free KES course" in body
    assert 'href="/en/advice/"' in body
    assert 'href="/en/advice/counselling/"' in body
    assert "services=kes_advice_signup" not in body
    detail = client.get("/en/services/kes_advice_signup/").content.decode()
    assert 'href="/en/advice/"' in detail
    assert "services=kes_advice_signup" not in detail


def test_applying_for_free_advice_leads_to_the_calendar(client, business_user):
    client.force_login(business_user)
    response = client.get("/en/apply/?services=kes_advice_signup")
    assert response.status_code == 302 and response["Location"] == "/en/advice/"
