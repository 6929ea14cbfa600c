import pytest

from cases.models import Case, CaseDocument
from cases.selectors import case_documents_visible_to, cases_visible_to
from tests.cases.helpers import OUTDOOR_TYPED, submit_case
from tests.factories import UserFactory, upload


@pytest.fixture
def case(business, business_user):
    return submit_case(
        business,
        business_user,
        ["outdoor_serving"],
        OUTDOOR_TYPED,
        description="Udeservering",
        documents=[("site_plan", upload("pdf"))],
    )


@pytest.mark.parametrize(
    ("user_fixture", "sees"),
    [
        ("business_user", True),
        ("other_business_user", False),
        ("kes_user", True),
        ("pilot_user", True),
        ("triage_user", True),
        ("manager_user", True),
        ("caseworker_user", True),  # city_use: the case is routed there
        ("outsider_user", False),
    ],
)
def test_a_case_and_its_files_are_visible_only_to_those_who_may_see_it(
    request, case, user_fixture, sees
):
    user = request.getfixturevalue(user_fixture)
    assert cases_visible_to(Case.objects.all(), user).filter(pk=case.pk).exists() is sees
    documents = case_documents_visible_to(CaseDocument.objects.all(), user)
    assert documents.filter(case=case).exists() is sees


def test_a_caseworker_of_another_department_does_not_see_it(case):
    from routing.services import membership_set
    from tests.factories import DepartmentFactory

    user = UserFactory(username="t-parking")
    membership_set(user=user, department=DepartmentFactory(code="parking"))
    assert not cases_visible_to(Case.objects.all(), user).exists()


def test_anonymous_users_see_nothing(case):
    from django.contrib.auth.models import AnonymousUser

    assert not cases_visible_to(Case.objects.all(), AnonymousUser()).exists()
