"""Sagsbehandlingstider: the public page of actual processing times per service (issue 15),
open to everyone, from the figures the nightly refresh stores."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from ..selectors.processing_times import processing_times_page


def processing_times(request: HttpRequest) -> HttpResponse:
    page = processing_times_page(other_label=_("Other services"))
    return render(request, "cases/processing_times.html", {"page": page})


urlpatterns = [path("processing-times/", processing_times, name="processing_times")]
