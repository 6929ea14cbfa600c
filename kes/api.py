"""The REST API under /api/v1/ (DESIGN.md §6): the token login, the errors, and the URLs
that join the apps' API routes (each app owns its ``api_urls``).

Errors follow one shape for every endpoint: a 400 body maps each field to its messages.
A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413 with a ``detail``, like the other
errors that are not about fields (errors outside the views: ``kes.api_errors``).
A service's ``ValidationError`` keys nested input with dots ("answers.outdoor_serving.area_m2");
the API nests them the way DRF nests serializer errors:
``{"answers": {"outdoor_serving": {"area_m2": ["..."]}}}``. A field that has messages of its
own and of its parts keeps its own under ``non_field_errors``, as DRF does.
"""

import hashlib
from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import include, path, re_path
from rest_framework import exceptions
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from .api_errors import RequestTooLarge
from .parsers import JSONParser


def error_detail(message_dict: Mapping[str, list[str]]) -> dict:
    """Dotted error keys of a service as nested API fields (see the module docstring)."""
    own = api_settings.NON_FIELD_ERRORS_KEY
    detail: dict = {}
    for key, messages in message_dict.items():
        parts = [own] if key in ("", NON_FIELD_ERRORS) else key.split(".")
        node = detail
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {own: child} if child else {}
            node = child
        leaf = node.get(parts[-1])
        if isinstance(leaf, dict):
            leaf.setdefault(own, []).extend(messages)
        else:
            node.setdefault(parts[-1], []).extend(messages)
    return detail


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, plus a service's ValidationError as a 400 with field messages and a
    body too large to read as a 413."""
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError(error_detail(exc.message_dict))
        else:
            exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})
    return drf_exception_handler(exc, context)


class LoginFailureThrottle(SimpleRateThrottle):
    """Failed token logins per username (the rate is the ``auth_token_failures`` setting).

    Only failures count: guessing one account's password is slowed down from any number
    of addresses, while people behind one proxy never hold each other up.
    """

    scope = "auth_token_failures"

    def get_cache_key(self, request, view):
        username = request.data.get("username") if isinstance(request.data, Mapping) else None
        if not isinstance(username, str) or not username.strip():
            return None
        # surrogatepass: a lone surrogate cannot be UTF-8; the serializer refuses it, but only
        # after the throttle has asked for this key.
        ident = hashlib.sha256(
            username.strip().casefold().encode(errors="surrogatepass")
        ).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def throttle_success(self):
        return True

    def record_failure(self, request, view) -> None:
        key = self.get_cache_key(request, view)
        if key is None:
            return
        now = self.timer()
        recent = [at for at in self.cache.get(key, []) if at > now - self.duration]
        self.cache.set(key, [now, *recent], self.duration)


class TokenView(ObtainAuthToken):
    """``{username, password}`` -> ``{token}``; a bad pair is a 400 with a message.

    No authentication on this view: a browser session without a CSRF token must not
    turn a login into a 403.
    """

    authentication_classes = ()
    parser_classes = (JSONParser,)
    renderer_classes = (JSONRenderer,)
    throttle_classes = (LoginFailureThrottle,)

    def post(self, request: Request, *args, **kwargs) -> Response:
        try:
            return super().post(request, *args, **kwargs)
        except exceptions.ValidationError:
            LoginFailureThrottle().record_failure(request, self)
            raise


class NotFoundView(APIView):
    """Any other address under /api/v1/: a JSON 404 like the rest of the API, not a page."""

    authentication_classes = ()
    permission_classes = (AllowAny,)

    def initial(self, request: Request, *args, **kwargs) -> None:
        raise exceptions.NotFound


# The apps are included by name, not imported: kes is the ground and imports no domain app.
# intake before cases, as the routes always ran: "cases/" (applying) before
# "cases/<reference>/". The catch-all stays last.
urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api_token"),
    path("", include("intake.api_urls")),
    path("", include("cases.api_urls")),
    path("", include("advisory.api_urls")),
    # Only addresses ending in a slash, so that APPEND_SLASH still redirects the others.
    re_path(r"^(?:.*/)?$", NotFoundView.as_view()),
]
