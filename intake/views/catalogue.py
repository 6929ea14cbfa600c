from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from intake import selectors


def service_list(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/service_list.html", {"groups": selectors.services_by_kind()})


def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    service = selectors.service_for_page(code)
    if service is None:
        raise Http404
    return render(request, "intake/service_detail.html", {"service": service})


def directory(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/directory.html", {"administrations": selectors.directory()})
