"""Django's error handlers (``handler400`` … in ``kes.urls``): JSON under /api/, pages elsewhere.

Inside an API view DRF answers its own errors as ``{"detail": "..."}``. These handlers answer
what happens before or outside one, in the same shape: an address no API URL matches (404),
a request Django refuses before the view runs (400, such as a bad Host header, or 413 for a
body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``), a permission error raised outside DRF (403) and an
exception nothing caught (500). Elsewhere they hand over to the portal's HTML error views.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions

from . import views
from .middleware import API_PREFIX


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"

    def __init__(self):
        super().__init__(
            _("The request body is too large: at most %(limit)d bytes.")
            % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        )


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(exc: exceptions.APIException) -> JsonResponse:
    return JsonResponse({"detail": str(exc.detail)}, status=exc.status_code)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return api_error(RequestTooLarge())
    return api_error(exceptions.ParseError())


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    return api_error(exceptions.PermissionDenied())


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api(request):
        return views.page_not_found(request, exception)
    return api_error(exceptions.NotFound())


def server_error(request: HttpRequest) -> HttpResponse:
    if not is_api(request):
        return defaults.server_error(request)
    return api_error(exceptions.APIException())
