"""``GET /api/v1/cases/<reference>/`` names the case's business pilot (DESIGN.md §6):
``pilot {name, email, phone} | null``, without a query more."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from cases.services import case_pilot_assign
from tests.cases.helpers import CONCERT, submit_case


def _get(user, case):
    api = APIClient()
    api.force_authenticate(user)
    response = api.get(f"/api/v1/cases/{case.reference}/")
    assert response.status_code == 200
    return response.json()


def test_a_case_without_a_pilot_has_null(catalogue, business, business_user):
    case = submit_case(business, business_user, ["event_public_space"], CONCERT)
    assert _get(business_user, case)["pilot"] is None


def test_the_business_reads_its_pilots_direct_contact(
    catalogue, business, business_user, kes_user, pilot_user
):
    pilot_user.first_name, pilot_user.last_name = "Petra", "Lods"
    pilot_user.email, pilot_user.phone = "petra@kk.example", "+45 33 66 12 34"
    pilot_user.save()
    case = submit_case(business, business_user, ["event_public_space"], CONCERT)
    _get(business_user, case)  # warm the per-process caches
    before = _queries(business_user, case)
    case_pilot_assign(case=case, pilot=pilot_user, by=kes_user)
    assert _get(business_user, case)["pilot"] == {
        "name": "Petra Lods",
        "email": "petra@kk.example",
        "phone": "+45 33 66 12 34",
    }
    assert _queries(business_user, case) == before


def _queries(user, case):
    with CaptureQueriesContext(connection) as queries:
        _get(user, case)
    return len(queries)
