"""The receipt page after submitting: reference, received time, each service with its
department, service target and expected decision date (explained), the other authorities,
and the way to the case and the receipt PDF; a constant number of queries."""

from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cases.constants import LetterKind
from cases.receipts import receipt_email
from cases.selectors import case_for_receipt
from routing.deadline_text import target_text
from tests.cases.helpers import A_SIGN, OUTDOOR, PARKING, submit_case

# A Monday: 20 business days later, with Ascension Day and Whit Monday off, is Wednesday
# 27 May 2026 (outdoor serving); the facade sign's 40 calendar days end on 6 June 2026.
RECEIVED = timezone.make_aware(datetime(2026, 4, 27, 10, 0))
WITH_ALCOHOL = {"outdoor_serving": {**OUTDOOR["outdoor_serving"], "serves_alcohol": "true"}}
FACADE = {"facade_sign": {"sign_placement": "facade", "illuminated": "false"}}


def _path(name, *args):
    """The Danish (unprefixed) path: a request leaves its language active in the thread."""
    with translation.override("da"):
        return reverse(name, args=args)


def _receipt(client, case, lang="en"):
    path = _path("application_submitted", case.reference)
    return client.get(f"/{lang}{path}" if lang == "en" else path)


@pytest.fixture
def case(business, kes_user):
    return submit_case(
        business,
        kes_user,
        ["outdoor_serving", "facade_sign"],
        {**WITH_ALCOHOL, **FACADE},
        channel="counter",
        received_at=RECEIVED,
    )


def test_the_receipt_shows_each_service_with_department_target_and_expected_date(
    client, business_user, case
):
    client.force_login(business_user)
    response = _receipt(client, case)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<td data-reference>{case.reference}</td>" in html
    assert f'datetime="{timezone.localtime(case.received_at).isoformat()}"' in html
    rows = {row["row"].service.code: row for row in response.context["services"]}
    assert rows["outdoor_serving"]["deadline"].isoformat() == "2026-05-27"
    assert rows["facade_sign"]["deadline"].isoformat() == "2026-06-06"
    assert '<time datetime="2026-05-27" data-expected>' in html
    assert '<time datetime="2026-06-06" data-expected>' in html
    with translation.override("en"):  # the one wording of targets, |target_label's
        assert target_text(20, "business") in html
        assert target_text(40, "calendar") in html
    assert "Centre for City Use" in html
    # The explanation is the deadline's own: the day received does not count, holidays named.
    assert "The day it arrived does not count." in html
    assert "Ascension Day" in html


def test_the_receipt_names_the_other_authorities_and_what_to_do(client, business_user, case):
    client.force_login(business_user)
    html = _receipt(client, case).content.decode()
    assert 'data-authority="police"' in html
    assert "Copenhagen Police" in html
    assert "Apply to the police in good time" in html
    assert 'href="https://politi.dk"' in html


def test_the_receipt_links_to_the_case_and_to_the_pdf_once_it_exists(client, business_user, case):
    client.force_login(business_user)
    html = _receipt(client, case).content.decode()
    case_url = _path("my_case_detail", case.reference)
    assert f'href="/en{case_url}" data-case-link' in html
    assert "data-receipt-pdf-pending" in html
    letter = case.letters.get(kind=LetterKind.RECEIPT)
    letter.file.save("receipt.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    html = _receipt(client, case).content.decode()
    pdf_url = _path("case_letter_download", case.reference, letter.pk)
    assert f'href="/en{pdf_url}" data-receipt-pdf' in html


def test_staff_who_registered_it_get_the_link_to_the_staff_case_page(client, kes_user, case):
    client.force_login(kes_user)
    html = _receipt(client, case).content.decode()
    assert f'href="/en{_path("staff_case_detail", case.reference)}"' in html


def test_another_business_gets_404(client, other_business_user, case):
    client.force_login(other_business_user)
    assert _receipt(client, case).status_code == 404


def test_the_receipt_page_is_danish_by_default(client, business_user, case):
    client.force_login(business_user)
    response = _receipt(client, case, lang="da")
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()
    assert '<time datetime="2026-05-27" data-expected>' in response.content.decode()


def _queries(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert _receipt(client, case).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_services(client, business, business_user):
    client.force_login(business_user)
    one = submit_case(business, business_user, ["outdoor_serving"], OUTDOOR)
    three = submit_case(
        business,
        business_user,
        ["outdoor_serving", "a_sign", "trade_parking_permit"],
        {**WITH_ALCOHOL, **A_SIGN, **PARKING},
    )
    assert three.services.count() == 3
    _queries(client, one)  # the session and the catalogue's caches warm up
    assert _queries(client, three) == _queries(client, one)


def test_the_receipt_mail_says_what_to_do_with_each_authority(case):
    message = receipt_email(case_for_receipt(case.pk), pdf=b"%PDF-1.4", language="en")
    assert "Copenhagen Police – politi.dk" in message.body
    assert "Apply to the police in good time" in message.body
