from django.urls import reverse

from tests.factories import UserFactory


def test_home_is_danish_without_prefix(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "da"
    assert '<html lang="da">' in response.content.decode()


def test_home_is_english_under_en(client, db):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    assert "One entrance for businesses" in response.content.decode()


def test_switch_keeps_the_page(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/login/?next=/account/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/login/?next=/account/"
    response = client.post(reverse("set_language"), {"language": "da", "next": "/en/login/"})
    assert response["Location"] == "/login/"


def test_switch_ignores_offsite_next(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example.invalid/"}
    )
    assert "evil" not in response.get("Location", "")


def test_switch_remembers_the_choice_for_a_logged_in_user(client, db):
    user = UserFactory(language="da")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "en", "next": "/account/"})
    user.refresh_from_db()
    assert user.language == "en"


def test_unknown_language_changes_nothing(client, db):
    user = UserFactory(language="da")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "xx", "next": "/account/"})
    user.refresh_from_db()
    assert user.language == "da"
