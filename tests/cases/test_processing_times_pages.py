"""The public processing-times page and the guide's figure beside each service (issue 15):
open to everyone in Danish and English, a constant number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cases.services.processing_times import processing_times_refresh
from intake.models import Service
from tests.cases.processing_time_helpers import at, decided


@pytest.fixture
def figures(catalogue):
    """outdoor_serving: nets 3 8 8 12 25 → median 8, 4 of 5 within 20 business days;
    a_sign: two decisions, too few to report."""
    day = timezone.localdate() - timedelta(days=30)
    for net, gross in [(3, 5), (8, 8), (8, 10), (12, 12), (25, 30)]:
        decided("outdoor_serving", net=net, gross=gross, decided_at=at(day))
    for net in (2, 4):
        decided("a_sign", net=net, decided_at=at(day))
    processing_times_refresh()


def _row(html, code):
    start = html.index(f'data-service="{code}"')
    return html[start : html.index("</tr>", start)]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_anyone_reads_the_page_in_both_languages(client, figures, prefix):
    response = client.get(f"{prefix}/processing-times/")
    assert response.status_code == 200
    html = response.content.decode()
    language = "en" if prefix else "da"
    assert f'<html lang="{language}">' in html
    outdoor = Service.objects.get(code="outdoor_serving")
    row = _row(html, "outdoor_serving")
    assert getattr(outdoor, f"name_{language}") in row
    assert 'data-decided="5"' in row and 'data-median-net="8.0"' in row
    assert 'data-median-gross="10.0"' in row and 'data-percent-within="80"' in row
    assert '<th scope="row">' in row and 'scope="col"' in html


def test_the_english_page_words_the_figures(client, figures):
    with translation.override("en"):
        html = client.get("/en/processing-times/").content.decode()
    row = _row(html, "outdoor_serving")
    assert "8 " in row and "80%" in row
    assert "Why not the average?" in html


def test_a_service_with_too_few_decisions_shows_no_figure(client, figures):
    row = _row(client.get("/en/processing-times/").content.decode(), "a_sign")
    assert "data-too-few" in row and 'data-decided="2"' in row
    assert "data-median-net" not in row and "Too few cases to report" in row


def test_the_minimum_is_a_setting(client, figures, settings):
    settings.KES_PROCESSING_TIMES_MIN_DECIDED = 2
    row = _row(client.get("/processing-times/").content.decode(), "a_sign")
    assert 'data-median-net="3.0"' in row and 'data-percent-within="100"' in row


def test_services_without_a_target_are_not_listed(client, figures):
    html = client.get("/processing-times/").content.decode()
    assert 'data-service="sign_rules"' not in html  # an immediate question: no target
    assert 'data-service="road_occupation"' in html  # a target, no decisions yet


def test_before_the_first_refresh_the_page_says_so(client, catalogue):
    response = client.get("/en/processing-times/")
    assert response.status_code == 200
    assert "have not been computed yet" in response.content.decode()


def test_the_page_takes_constant_queries_in_the_number_of_services(client, figures):
    keep = ["outdoor_serving", "a_sign"]
    Service.objects.exclude(code__in=keep).update(is_active=False)
    with CaptureQueriesContext(connection) as few:
        client.get("/processing-times/")
    Service.objects.update(is_active=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/processing-times/")
    assert sum(len(rows) for _topic, rows in response.context["page"].groups) > 10
    assert len(few) == len(many)


def test_the_footer_and_the_service_list_link_to_the_page(client, catalogue):
    assert 'href="/en/processing-times/"' in client.get("/en/").content.decode()
    assert 'href="/processing-times/"' in client.get("/services/").content.decode()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_guide_shows_the_figure_beside_the_service(client, figures, prefix):
    html = client.get(f"{prefix}/guide/", {"q": "udeservering"}).content.decode()
    start = html.index('data-processing-time="reported"')
    line = html[start : html.index("</p>", start)]
    assert ("80%" if prefix else "80") in line
    assert f'href="{prefix}/processing-times/"' in line


def test_the_guide_says_when_there_are_too_few_cases(client, figures):
    html = client.get("/en/guide/", {"q": "a-skilt"}).content.decode()
    assert 'data-processing-time="too-few"' in html


def test_the_guide_reads_every_figure_in_one_query(client, figures):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/guide/", {"q": "café udeservering koncert restaurant"})
    assert len([r for r in response.context["results"] if r.processing_time]) >= 2
    figure_reads = [q for q in queries if "processingtimefigure" in q["sql"].lower()]
    assert len(figure_reads) == 1
