"""Two endpoints on the same server: the real ``case_submit`` and a bare one-INSERT view."""

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


@csrf_exempt
def submit(request):
    business = Business.objects.get(cvr="12345607")
    user = User.objects.get(username="demo-business")
    case = case_submit(business=business, submitted_by=user, **PAYLOAD)
    return JsonResponse({"reference": case.reference}, status=201)


urlpatterns = [
    path("bench/insert/", bare_insert),
    path("bench/submit/", submit),
    *kes_urls.urlpatterns,
]
