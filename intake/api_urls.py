"""The intake API under /api/v1/ (DESIGN.md §6): the catalogue, classification and applying;
``kes.api`` includes it."""

from django.urls import path

from . import api

urlpatterns = [
    path("services/", api.ServiceListView.as_view(), name="api_services"),
    path("intake/classify/", api.ClassifyView.as_view(), name="api_classify"),
    path("cases/", api.CaseCreateView.as_view(), name="api_case_create"),
]
