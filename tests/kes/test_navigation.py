import pytest
from django.urls import reverse
from django.utils import translation

from kes.navigation import staff_navigation
from tests.factories import UserFactory

# KES staff's menu (the dashboard is for managers and department leads).
KES_ENTRIES = [
    "Overview",
    "Front desk",
    "My tasks",
    "My department's queue",
    "Cases",
    "Star meetings",
    "My star meetings",
    "Move a pilot's portfolio",
]


def _labels(user):
    return [item.label for item in staff_navigation(user)]


@pytest.mark.parametrize(
    "fixture,expected",
    [
        (
            "kes_user",
            KES_ENTRIES,
        ),
        ("pilot_user", ["Overview", "Cases", "My cases as pilot", "My follow-ups"]),
        (
            "caseworker_user",
            ["Overview", "My tasks", "My department's queue", "Cases", "My star meetings"],
        ),
        ("triage_user", ["Overview", "Cases", "Triage"]),
        ("manager_user", ["Overview", "Cases", "Dashboard", "Advice figures"]),
        (
            "lead_user",
            [
                "Overview",
                "My tasks",
                "My department's queue",
                "Cases",
                "My star meetings",
                "Dashboard",
            ],
        ),
        ("advisor_user", ["Overview", "Advice"]),
        ("business_user", []),
        ("outsider_user", []),
    ],
)
def test_navigation_shows_only_what_roles_allow(request, fixture, expected):
    with translation.override("en"):
        assert _labels(request.getfixturevalue(fixture)) == expected


def test_administrator_sees_the_admin_entry(db):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    with translation.override("en"):
        assert _labels(admin) == ["Overview", "Administration"]


def test_entries_appear_when_their_page_exists(manager_user, monkeypatch):
    from django.urls import NoReverseMatch

    from kes import navigation

    def reverse_without_dashboard(name):
        if name == "staff_dashboard":
            raise NoReverseMatch(name)
        return f"/{name}/"

    monkeypatch.setattr(navigation, "reverse", reverse_without_dashboard)
    with translation.override("en"):
        labels = [item.label for item in navigation.staff_navigation(manager_user)]
    assert labels == ["Overview", "Cases", "Advice figures"]


def test_staff_menu_in_header_for_staff_only(client, kes_user, business_user):
    client.force_login(kes_user)
    html = client.get("/en/staff/").content.decode()
    assert 'aria-label="Staff menu"' in html
    assert 'aria-current="page"' in html
    client.force_login(business_user)
    assert 'aria-label="Staff menu"' not in client.get("/en/account/").content.decode()


def test_staff_overview_is_403_for_a_business_user(client, business_user):
    client.force_login(business_user)
    assert client.get(reverse("staff_home")).status_code == 403


def test_staff_overview_sends_anonymous_to_login(client, db):
    response = client.get(reverse("staff_home"))
    assert response.status_code == 302 and "/login/" in response["Location"]
