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


def test_healthz_reports_the_database(client, db):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}


def test_500_page_renders_without_context(db):
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Der opstod en fejl" in html and "Something went wrong" in html
