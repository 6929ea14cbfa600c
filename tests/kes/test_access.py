import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from cases.models import Business
from cases.selectors import businesses_visible_to
from kes.access import get_for_user_or_404, has_role, require_role, role_required, roles_of
from kes.constants import Role


def test_business_user_gets_own_business(business_user):
    own = business_user.businesses.get()
    assert (
        get_for_user_or_404(Business, business_user, visible=businesses_visible_to, pk=own.pk)
        == own
    )


def test_other_business_is_404_not_403(business_user, other_business_user):
    other = other_business_user.businesses.get()
    with pytest.raises(Http404):
        get_for_user_or_404(Business, business_user, visible=businesses_visible_to, pk=other.pk)


def test_missing_object_is_404_too(business_user):
    with pytest.raises(Http404):
        get_for_user_or_404(Business, business_user, visible=businesses_visible_to, pk=999999)


def test_kes_staff_see_every_business(kes_user, business_user):
    business = business_user.businesses.get()
    assert get_for_user_or_404(Business, kes_user, visible=businesses_visible_to, pk=business.pk)


def test_anonymous_sees_no_business(db, business_user):
    business = business_user.businesses.get()
    with pytest.raises(Http404):
        get_for_user_or_404(
            Business, AnonymousUser(), visible=businesses_visible_to, pk=business.pk
        )


@pytest.mark.parametrize(
    "fixture,role",
    [
        ("business_user", Role.BUSINESS),
        ("kes_user", Role.KES_STAFF),
        ("pilot_user", Role.PILOT),
        ("triage_user", Role.TRIAGE),
        ("manager_user", Role.MANAGER),
        ("caseworker_user", Role.CASEWORKER),
        ("lead_user", Role.DEPARTMENT_LEAD),
    ],
)
def test_roles_come_from_groups_and_memberships(request, fixture, role):
    user = request.getfixturevalue(fixture)
    assert role in roles_of(user)
    assert has_role(user, role)


def test_outsider_has_no_role(outsider_user):
    assert roles_of(outsider_user) == frozenset()
    with pytest.raises(PermissionDenied):
        require_role(outsider_user, Role.KES_STAFF)


def _view(request):
    return HttpResponse("ok")


def test_role_required_gives_403_to_the_wrong_role(business_user):
    request = RequestFactory().get("/staff/")
    request.user = business_user
    with pytest.raises(PermissionDenied):
        role_required(Role.KES_STAFF)(_view)(request)


def test_role_required_lets_the_right_role_in(kes_user):
    request = RequestFactory().get("/staff/")
    request.user = kes_user
    assert role_required(Role.KES_STAFF)(_view)(request).status_code == 200


def test_role_required_sends_anonymous_to_login(db):
    request = RequestFactory().get("/staff/")
    request.user = AnonymousUser()
    response = role_required(Role.KES_STAFF)(_view)(request)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/staff/")
