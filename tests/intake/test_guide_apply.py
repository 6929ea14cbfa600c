"""From the guide to one application: tick several results, start one draft with all of them
preselected and the search text as the project's description (issue 11)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake.catalogue import DEFAULT_CATALOGUE
from intake.models import ApplicationDraft, Service
from intake.services import catalogue_load

QUERY = "jeg vil åbne en café med udeservering og musik"


@pytest.fixture
def catalogue(db):
    catalogue_load(data=yaml.safe_load(DEFAULT_CATALOGUE.read_text(encoding="utf-8")))


def test_each_result_can_be_ticked_into_one_application_form(client, catalogue):
    response = client.get("/guide/", {"q": QUERY})
    html = response.content.decode()
    assert '<form id="guide-choose" method="get" action="/apply/"' in html
    assert '<input type="hidden" name="description" value="jeg vil åbne en café' in html
    for result in response.context["results"]:
        code = result.hit.service.code
        assert f'id="guide-choose-{code}" name="services" value="{code}"' in html
    assert 'id="guide-choose-submit"' in html


def test_the_free_advice_card_cannot_be_ticked(client, catalogue):
    html = client.get("/en/guide/", {"q": "free course for startups"}).content.decode()
    assert 'value="kes_advice_signup"' not in html


def test_each_card_applies_alone_with_the_search_text(client, catalogue):
    response = client.get("/en/guide/", {"q": "outdoor seating"})
    url = response.context["results"][0].apply_url
    assert urlsplit(url).path == "/en/apply/"
    assert parse_qs(urlsplit(url).query) == {
        "services": ["outdoor_serving"],
        "description": ["outdoor seating"],
    }


def test_the_wizard_starts_one_draft_with_the_ticked_services_and_the_text(
    client, business_user, catalogue
):
    client.force_login(business_user)
    url = "/en/apply/?services=outdoor_serving&services=restaurant_music_noise&description=" + QUERY
    html = client.get(url).content.decode()
    for code in ("outdoor_serving", "restaurant_music_noise"):
        assert "checked" in html.split(f'value="{code}"')[1][:80]
    response = client.post(url, {"services": ["outdoor_serving", "restaurant_music_noise"]})
    assert response.status_code == 302
    draft = ApplicationDraft.objects.get()
    assert draft.services == ["outdoor_serving", "restaurant_music_noise"]
    assert draft.description == QUERY


def test_the_description_is_one_line_and_cut_to_the_fields_length(client, business_user, catalogue):
    from cases.constants import DESCRIPTION_MAX_LENGTH

    client.force_login(business_user)
    text = "udeservering\n\n  " + "x" * (DESCRIPTION_MAX_LENGTH + 50)
    client.post("/en/apply/", {"services": ["outdoor_serving"]})
    client.post(
        "/en/apply/?" + "&".join(["services=outdoor_serving", "description=" + text]),
        {"services": ["outdoor_serving"]},
    )
    drafts = list(ApplicationDraft.objects.order_by("created_at"))
    assert drafts[0].description == ""
    assert drafts[1].description.startswith("udeservering x")
    assert len(drafts[1].description) == DESCRIPTION_MAX_LENGTH


def test_staff_starting_from_the_guide_keep_the_text(client, kes_user, catalogue):
    client.force_login(kes_user)
    response = client.get("/en/apply/?services=outdoor_serving&services=a_sign&description=café")
    assert response.status_code == 302 and "/staff/intake/" in response["Location"]
    client.post(
        response["Location"],
        {"cvr": "12345607", "name": "Demo Café ApS", "email": "cafe@example.invalid"},
    )
    draft = ApplicationDraft.objects.get()
    assert draft.services == ["outdoor_serving", "a_sign"] and draft.description == "café"


def test_danish_apply_buttons_never_say_a_bare_search(client, catalogue):
    # "Søg" alone means "search": the search button says it, an apply link must not.
    html = client.get("/guide/", {"q": QUERY}).content.decode()
    labels = re.findall(r'<a class="button[^"]*" href="/apply/[^"]*">([^<]*)<span', html)
    assert labels and all(label.strip() != "Søg" for label in labels)


def test_english_guide_says_working_days(client, catalogue):
    html = client.get("/en/guide/", {"q": "outdoor seating"}).content.decode()
    assert "working days" in html and "business days" not in html


def test_guide_page_queries_stay_constant_with_ticking(client, catalogue):
    keep = ["outdoor_serving", "cafe_permits_guide", "restaurant_music_noise"]
    Service.objects.exclude(code__in=keep).update(is_active=False)
    with CaptureQueriesContext(connection) as few:
        client.get("/guide/", {"q": QUERY})
    Service.objects.update(is_active=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/guide/", {"q": QUERY + " koncert skilt restaurant"})
    assert len(response.context["results"]) > len(keep)
    assert len(few) == len(many)
