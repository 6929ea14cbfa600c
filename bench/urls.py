"""Endpoints on the same server: the real ``case_submit``, a bare one-INSERT view, and the
same INSERT after the lookups the submission endpoint makes before it submits.

The submission endpoint finds its user and business by two lookups (a real request finds
the user through its session and the business through the URL or the form: as many
queries); ``/bench/insert-as-request/`` makes the same two lookups before its INSERT, so
that the ratio against it is the cost of ``case_submit`` itself, while the ratio against
``/bench/insert/`` (the figure of earlier runs) also carries those lookups."""

from django.db import connection, transaction
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from cases.models import Business
from intake.services import case_submit
from kes import urls as kes_urls
from kes.models import User

PAYLOAD = {
    "channel": "digital",
    "services": ["outdoor_serving", "a_sign"],
    "answers": {
        "outdoor_serving": {"area_m2": 20, "location_type": "pavement", "serves_alcohol": False},
        "a_sign": {"number_of_signs": 1},
    },
    "description": "Seks borde og et A-skilt foran caféen.",
}


@csrf_exempt
def bare_insert(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_insert (note) VALUES (%s)", ["x"])
    return HttpResponse(status=201)


def _submitter():
    return Business.objects.get(cvr="12345607"), User.objects.get(username="demo-business")


@csrf_exempt
def insert_as_request(request):
    _submitter()
    return bare_insert(request)


@csrf_exempt
def submit(request):
    business, user = _submitter()
    case = case_submit(business=business, submitted_by=user, **PAYLOAD)
    return JsonResponse({"reference": case.reference}, status=201)


urlpatterns = [
    path("bench/insert/", bare_insert),
    path("bench/insert-as-request/", insert_as_request),
    path("bench/submit/", submit),
    *kes_urls.urlpatterns,
]
