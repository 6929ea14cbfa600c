"""Letters and files are served to those who may see the case, and every download is
written to the case's audit trail; everyone else gets a 404."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.constants import EventKind, LetterKind
from cases.models import Letter
from tests.cases.helpers import OUTDOOR_TYPED, department_member, submit_case
from tests.factories import file_bytes

PDF = file_bytes("pdf")

pytestmark = pytest.mark.usefixtures("_catalogue")


@pytest.fixture
def case(business_user, django_capture_on_commit_callbacks):
    # The receipt's after-commit task is not run: the letters are written by hand below.
    with django_capture_on_commit_callbacks(execute=False):
        return submit_case(
            business_user.businesses.get(),
            business_user,
            ["outdoor_serving"],  # decided by city_use
            OUTDOOR_TYPED,
            description="Borde foran caféen.",
            documents=[
                (
                    "site_plan",
                    SimpleUploadedFile("tegning.pdf", PDF, content_type="application/pdf"),
                )
            ],
        )


@pytest.fixture
def letter(case):
    """A rendered decision letter (rendering itself is tested in test_decision_letter)."""
    letter = Letter(case=case, kind=LetterKind.DECISION, language="da")
    letter.file.save("letter.pdf", ContentFile(PDF), save=True)
    return letter


def url(letter, reference=None):
    return f"/cases/{reference or letter.case.reference}/letters/{letter.pk}/"


def downloads(case, kind=EventKind.LETTER_DOWNLOADED):
    return list(case.events.filter(kind=kind))


def test_the_business_downloads_its_letter_and_the_download_is_recorded(
    client, business_user, letter
):
    client.force_login(business_user)
    response = client.get(url(letter))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    filename = f"{letter.case.reference}-decision.pdf"
    assert f'attachment; filename="{filename}"' == response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    (event,) = downloads(letter.case)
    assert event.actor == business_user
    assert event.data == {"letter": letter.pk, "kind": "decision"}


def test_the_english_address_serves_it_too(client, business_user, letter):
    client.force_login(business_user)
    assert client.get(f"/en{url(letter)}").status_code == 200


@pytest.mark.parametrize("who", ["caseworker_user", "kes_user"])
def test_staff_who_may_see_the_case_download(request, client, letter, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(url(letter)).status_code == 200
    assert [event.actor for event in downloads(letter.case)] == [user]


def test_another_business_gets_404(client, other_business_user, letter):
    client.force_login(other_business_user)
    assert client.get(url(letter)).status_code == 404
    assert downloads(letter.case) == []


def test_a_caseworker_of_another_department_gets_404(client, letter):
    stranger = department_member("t-building", "building")
    client.force_login(stranger)
    assert client.get(url(letter)).status_code == 404


def test_a_letter_of_another_case_is_404(client, business_user, letter, case):
    other = submit_case(
        case.business,
        business_user,
        ["outdoor_serving"],
        OUTDOOR_TYPED,
        description="Endnu en sag.",
    )
    client.force_login(business_user)
    # Both cases are the business's own, but the letter belongs to the first one.
    assert client.get(url(letter, reference=other.reference)).status_code == 404


def test_a_letter_not_yet_rendered_is_404(client, business_user, case):
    unrendered = Letter.objects.create(case=case, kind=LetterKind.DECISION, language="da")
    client.force_login(business_user)
    assert client.get(url(unrendered)).status_code == 404
    assert downloads(case) == []


def test_anonymous_is_sent_to_login(client, letter):
    response = client.get(url(letter))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_document_download_is_recorded(client, caseworker_user, case):
    document = case.documents.get()
    client.force_login(caseworker_user)
    response = client.get(f"/cases/{case.reference}/documents/{document.pk}/")
    assert response.status_code == 200
    (event,) = downloads(case, EventKind.DOCUMENT_DOWNLOADED)
    assert event.actor == caseworker_user
    assert event.data == {"document": document.pk, "name": "tegning.pdf"}


def test_a_refused_document_download_records_nothing(client, other_business_user, case):
    document = case.documents.get()
    client.force_login(other_business_user)
    assert client.get(f"/cases/{case.reference}/documents/{document.pk}/").status_code == 404
    assert downloads(case, EventKind.DOCUMENT_DOWNLOADED) == []
