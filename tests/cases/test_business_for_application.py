"""One rule for the business an application is for (cases.services.business_for_application),
used by the API and by the front desk."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.models import Business
from cases.services import business_for_application
from tests.factories import BusinessFactory, BusinessMembershipFactory

NOT_YET = "The business is not in the portal yet: give its name and contact e-mail to register it."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def messages_of(excinfo):
    return excinfo.value.message_dict


def test_kes_staff_find_a_known_business_by_cvr(kes_user):
    business = BusinessFactory()
    assert business_for_application(by=kes_user, cvr=business.cvr) == business


def test_kes_staff_register_an_unknown_business_with_name_and_email(kes_user):
    business = business_for_application(
        by=kes_user, cvr="12345607", name="Ny Café ApS", email="ny@example.invalid"
    )
    assert Business.objects.get(cvr="12345607") == business
    assert business.name == "Ny Café ApS"


@pytest.mark.parametrize(
    ("cvr", "name", "email", "message"),
    [
        ("", "", "", "Give the CVR number of the business you apply for."),
        ("1234", "", "", "A CVR number has exactly 8 digits."),
        ("12345678", "X", "x@example.invalid", "This is not a valid CVR number: check the digits."),
        ("12345607", "", "", NOT_YET),
        ("12345607", "Ny Café ApS", "", NOT_YET),
    ],
)
def test_kes_staff_are_told_what_is_missing_and_nothing_is_stored(
    kes_user, cvr, name, email, message
):
    with pytest.raises(ValidationError) as excinfo:
        business_for_application(by=kes_user, cvr=cvr, name=name, email=email)
    assert messages_of(excinfo) == {"cvr": [message]}
    assert not Business.objects.exists()


def test_a_business_user_applies_for_its_own_business_only(db):
    membership = BusinessMembershipFactory()
    user = membership.user
    assert business_for_application(by=user) == membership.business
    assert business_for_application(by=user, cvr=membership.business.cvr) == membership.business
    other = BusinessFactory()
    with pytest.raises(ValidationError) as excinfo:
        business_for_application(by=user, cvr=other.cvr)
    assert messages_of(excinfo) == {"cvr": ["You cannot apply for this business."]}


def test_a_business_user_with_several_businesses_names_one(db):
    membership = BusinessMembershipFactory()
    BusinessMembershipFactory(user=membership.user)
    with pytest.raises(ValidationError) as excinfo:
        business_for_application(by=membership.user)
    assert "several businesses" in messages_of(excinfo)["cvr"][0]
