"""Uploaded files are served only to those who may see the case."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.services import case_submit
from tests.factories import keep_shipped_catalogue

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module", autouse=True)
def _catalogue(django_db_setup, django_db_blocker):
    yield from keep_shipped_catalogue(django_db_blocker)


@pytest.fixture
def case_with_file(business_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        case = case_submit(
            business=business_user.businesses.get(),
            channel="digital",
            services=["outdoor_serving"],
            answers={
                "outdoor_serving": {
                    "area_m2": 20,
                    "location_type": "pavement",
                    "serves_alcohol": False,
                }
            },
            description="Borde foran caféen.",
            submitted_by=business_user,
            documents=[
                (
                    "site_plan",
                    SimpleUploadedFile("min tegning.pdf", PDF, content_type="application/pdf"),
                )
            ],
        )
    return case, case.documents.get()


def _url(case, document):
    return f"/cases/{case.reference}/documents/{document.pk}/"


def test_the_business_downloads_its_file(client, business_user, case_with_file):
    case, document = case_with_file
    client.force_login(business_user)
    response = client.get(_url(case, document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="min tegning.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("who", ["kes_user", "caseworker_user"])  # city_use decides the case
def test_staff_who_may_see_the_case_may_download(request, client, case_with_file, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(*case_with_file)).status_code == 200


@pytest.mark.parametrize("who", ["other_business_user", "outsider_user"])
def test_others_get_404(request, client, case_with_file, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(*case_with_file)).status_code == 404


def test_wrong_reference_is_404(client, business_user, case_with_file):
    case, document = case_with_file
    client.force_login(business_user)
    assert client.get(f"/cases/KES-2000-000001/documents/{document.pk}/").status_code == 404


def test_anonymous_is_sent_to_login(client, case_with_file):
    response = client.get(_url(*case_with_file))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_caseworker_of_another_department_gets_404(client, case_with_file):
    from routing.models import Department
    from routing.services import membership_set
    from tests.factories import UserFactory

    stranger = UserFactory(username="t-building")
    membership_set(user=stranger, department=Department.objects.get(code="building"))
    client.force_login(stranger)
    assert client.get(_url(*case_with_file)).status_code == 404
