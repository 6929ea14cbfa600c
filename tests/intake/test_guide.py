"""The guide: free text → the right services, on SQLite and on PostgreSQL alike."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from intake.catalogue import DEFAULT_CATALOGUE
from intake.models import Service
from intake.search import MAX_QUERY_LENGTH, guide_search
from intake.services import catalogue_load

DATA = yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture
def catalogue(db):
    catalogue_load(data=DATA)


def test_opening_a_cafe_with_outdoor_serving_leads_with_the_permit_it_names(catalogue):
    # The query names the outdoor-serving permit; the café guide, a question card that walks
    # through every permit a café takes, comes right after it.
    hits = guide_search("jeg vil åbne en café med udeservering", language="da")
    assert [h.service.code for h in hits[:2]] == ["outdoor_serving", "cafe_permits_guide"]
    assert hits[0].matched[0] == "udeservering"


def test_hits_say_why_with_the_keywords_that_matched(catalogue):
    (hit, *_rest) = guide_search("outdoor seating", language="en")
    assert hit.matched[0] == "outdoor seating"
    (hit, *_rest) = guide_search("udservering café", language="da")
    assert hit.service.code == "outdoor_serving"
    assert set(hit.matched) == {"udeservering", "café"}


def test_hits_are_ranked_and_limited(catalogue):
    hits = guide_search("restaurant café bar musik støj", language="da", limit=3)
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_inactive_services_are_never_proposed(catalogue):
    Service.objects.filter(code="outdoor_serving").update(is_active=False)
    codes = [h.service.code for h in guide_search("udeservering", language="da")]
    assert "outdoor_serving" not in codes


@pytest.mark.parametrize("query", ["", "   ", "og i en", "%", "😀", "qqqqqqqq"])
def test_nothing_to_search_finds_nothing(catalogue, query):
    assert guide_search(query, language="da") == []


def _queries_of(query):
    with CaptureQueriesContext(connection) as captured:
        hits = guide_search(query, language="da")
        for hit in hits:
            list(hit.service.required_documents.all())
            list(hit.service.external_authorities.all())
            list(hit.service.departments.all())
    return len(captured), len(hits)


def test_guide_takes_constant_queries_in_the_number_of_services(catalogue):
    keep = ["outdoor_serving", "cafe_permits_guide", "event_public_space"]
    Service.objects.exclude(code__in=keep).update(is_active=False)
    few, few_hits = _queries_of("café udeservering koncert")
    Service.objects.update(is_active=True)
    many, many_hits = _queries_of("café udeservering koncert restaurant")
    assert few_hits >= 2 and many_hits > few_hits
    assert few == many


def test_guide_page_takes_constant_queries_in_the_number_of_services(client, catalogue):
    keep = ["outdoor_serving", "cafe_permits_guide", "event_public_space"]
    Service.objects.exclude(code__in=keep).update(is_active=False)
    with CaptureQueriesContext(connection) as few:
        client.get("/guide/", {"q": "café udeservering koncert"})
    Service.objects.update(is_active=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/guide/", {"q": "café udeservering koncert restaurant"})
    assert len(response.context["results"]) > 3
    assert len(few) == len(many)


# --- the page ---------------------------------------------------------------------------


def test_page_in_danish_shows_the_service_documents_and_links(client, catalogue):
    html = client.get("/guide/", {"q": "udservering"}).content.decode()
    assert "Udeservering foran café eller restaurant" in html
    assert "Målfast tegning af udeserveringen med borde, parasoller og plantekasser" in html
    assert "Foto af facaden og fortovet" in html
    assert 'href="/services/outdoor_serving/"' in html
    assert 'href="/apply/?services=outdoor_serving&amp;description=udservering"' in html
    assert 'value="udservering"' in html


def test_page_in_english_shows_why_target_documents_and_authorities(client, catalogue):
    html = client.get("/en/guide/", {"q": "we want to hold a concert in a park"}).content.decode()
    first = html.index("Event on a street, square or in a park")
    assert first < html.index("Hiring a municipal sports facility for an event")
    assert "Matches: concert, park" in html
    assert "Service target: 20 working days" in html
    assert "Site plan of the event" in html and "Safety plan" in html
    assert "Copenhagen Police (politi.dk)" in html
    assert 'href="/en/apply/?services=event_public_space&amp;description=we+want' in html


def test_page_words_calendar_targets_and_services_without_target(client, catalogue):
    html = client.get("/en/guide/", {"q": "enviromental permit"}).content.decode()
    assert "Service target: 130 calendar days" in html
    html = client.get("/en/guide/", {"q": "start a business"}).content.decode()
    assert "Answered at once by Copenhagen Business Service" in html
    assert "Danish Tax Agency (skat.dk)" in html


def test_target_wording_is_singular_for_one_day(client, catalogue):
    Service.objects.filter(code="outdoor_serving").update(target_days=1)
    with translation.override("en"):
        html = client.get("/en/guide/", {"q": "outdoor seating"}).content.decode()
    assert "Service target: 1 working day<" in html


def test_empty_query_shows_the_search_box_only(client, catalogue):
    response = client.get("/en/guide/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="guide-q"' in html
    assert "guide-results-heading" not in html and "We found no service" not in html


def test_no_match_explains_and_gives_the_kes_contact(client, catalogue, settings):
    html = client.get("/en/guide/", {"q": "qqqqqqqq"}).content.decode()
    assert "We found no service for “qqqqqqqq”" in html
    assert f'href="mailto:{settings.KES_CONTACT["email"]}"' in html
    assert settings.KES_CONTACT["phone"] in html
    assert 'href="/en/services/"' in html


def test_an_over_long_query_is_cut(client, catalogue):
    response = client.get("/en/guide/", {"q": "outdoor seating " + "x" * 1000})
    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert response.context["results"][0].hit.service.code == "outdoor_serving"


@pytest.mark.parametrize(
    "query",
    [
        "%",
        "%%_",
        "'; drop table intake_service; --",
        "😀🍕",
        "a\x00b udeservering",
        "café:* & | ! ( ) <-> \\",
        "<script>alert(1)</script>",
        "x" * 5000,
        "ΕΛΛΗΝΙΚΆ 中文 עברית",
    ],
)
def test_odd_input_never_breaks_the_page(client, catalogue, query):
    response = client.get("/guide/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert Service.objects.filter(code="outdoor_serving").exists()


# --- in a browser -------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "home,query,heading",
    [
        ("/", "jeg vil åbne en café med udeservering", "Udeservering foran café"),
        ("/en/", "we want to hold a concert in a park", "Event on a street, square or in a park"),
    ],
)
def test_search_from_the_home_page_shows_results_that_pass_axe(page, home, query, heading):
    from tests.browser import assert_no_axe_violations, screenshot

    catalogue_load(data=DATA)
    page.goto(home)
    page.locator("#guide-q").fill(query)
    page.locator("form.guide-search button[type=submit]").click()
    page.wait_for_url("**/guide/?q=*")
    results = page.locator("ol.guide-results > li")
    assert results.count() >= 2
    assert heading in results.first.locator(".card-heading").inner_text()
    assert page.locator("#guide-q").input_value() == query
    assert_no_axe_violations(page)
    screenshot(page, f"guide-{'en' if home == '/en/' else 'da'}")
