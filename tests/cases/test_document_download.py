"""Uploaded files are served only to those who may see the case."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cases.helpers import OUTDOOR_TYPED, department_member, submit_case
from tests.factories import file_bytes

PDF = file_bytes("pdf")

pytestmark = pytest.mark.usefixtures("_catalogue")


@pytest.fixture
def case_with_file(business_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        case = submit_case(
            business_user.businesses.get(),
            business_user,
            ["outdoor_serving"],
            OUTDOOR_TYPED,
            description="Borde foran caféen.",
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
    assert response["Cache-Control"] == "private, no-store"


def test_a_file_stored_under_another_types_name_downloads_under_its_own(
    client, business_user, case_with_file
):
    # Stored before uploads were renamed to their type: the download still says what it is.
    case, document = case_with_file
    document.original_name = "min tegning.html"
    document.save(update_fields=["original_name"])
    client.force_login(business_user)
    response = client.get(_url(case, document))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="min tegning.pdf"'


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
    stranger = department_member("t-building", "building")
    client.force_login(stranger)
    assert client.get(_url(*case_with_file)).status_code == 404
