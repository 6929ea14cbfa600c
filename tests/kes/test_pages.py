import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "path",
    ["/", "/en/", "/login/", "/en/login/", "/register/", "/password-reset/", "/guide/?q=caf%C3%A9"],
)
def test_public_pages_answer(client, db, path):
    assert client.get(path).status_code == 200


def test_home_has_search_box_and_contact_channels(client, db, settings):
    html = client.get("/en/").content.decode()
    assert 'action="/en/guide/"' in html and 'name="q"' in html
    assert settings.KES_CONTACT["phone"] in html
    assert settings.KES_CONTACT["address"] in html


@pytest.mark.parametrize("path,lang", [("/no-such-page/", "da"), ("/en/no-such-page/", "en")])
def test_404_page_in_the_right_language(client, db, settings, path, lang):
    settings.DEBUG = False
    response = client.get(path)
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in response.content.decode()


NOT_FOUND = {"da": "Siden findes ikke", "en": "Page not found"}


@pytest.mark.parametrize(
    "path,lang,stored",
    [
        ("/no-such-page/", "da", "en"),
        ("/en/no-such-page/", "en", "da"),
        ("/staff/cases/KES-0000-000000/", "da", "en"),  # a 404 raised by a view
        ("/en/staff/cases/KES-0000-000000/", "en", "da"),
    ],
)
def test_404_page_follows_the_address_not_the_users_stored_language(
    client, kes_user, settings, path, lang, stored
):
    settings.DEBUG = False
    kes_user.language = stored
    kes_user.save(update_fields=["language"])
    client.force_login(kes_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = stored
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=stored)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{NOT_FOUND[lang]}</h1>" in html
    assert response["Content-Language"] == lang


@pytest.mark.parametrize("path,lang", [("/no-such-page/", "da"), ("/en/no-such-page/", "en")])
def test_404_page_ignores_a_language_left_active_before_it(rf, db, path, lang):
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404
    from django.utils import translation

    from kes.views import page_not_found

    request = rf.get(path)
    request.user = AnonymousUser()
    with translation.override("en" if lang == "da" else "da"):
        response = page_not_found(request, Http404())
    assert f'<html lang="{lang}">' in response.content.decode()
    assert f"<h1>{NOT_FOUND[lang]}</h1>" in response.content.decode()


def test_healthz_reports_the_database(client, db):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}


def test_500_page_renders_without_context(db):
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Der opstod en fejl" in html and "Something went wrong" in html


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_header_shows_the_portals_own_word_mark_not_the_virk_logo(client, db, path):
    html = client.get(path).content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    assert 'class="portal-wordmark" data-wordmark' in header
    # The design system's .logo class draws the national virk logo as a background image.
    assert 'class="logo"' not in header
    name = "Copenhagen Business Service" if path == "/en/" else "Københavns Erhvervsservice"
    assert f'<span class="portal-wordmark-name">{name}</span>' in header


def test_the_word_mark_link_says_it_leads_to_the_front_page(client, db):
    html = client.get("/en/").content.decode()
    link = html.split('class="portal-wordmark" data-wordmark>', 1)[1].split("</a>", 1)[0]
    assert '<span class="sr-only"> – front page</span>' in link


@pytest.mark.parametrize("lang", ["da", "en"])
def test_home_has_entries_to_services_directory_free_advice_and_my_cases(client, db, lang):
    prefix = "/en" if lang == "en" else ""
    html = client.get(f"{prefix}/").content.decode()
    entries = html.split("data-home-entries", 1)[1].split("</nav>", 1)[0]
    for entry, path in [
        ("services", "/services/"),
        ("directory", "/directory/"),
        ("advice", "/advice/"),
        ("my-cases", "/my/cases/"),
    ]:
        assert f'href="{prefix}{path}" data-entry="{entry}"' in entries
