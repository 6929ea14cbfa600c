"""Login lockout (django-axes): where a login comes from, and the page a locked login gets.

Axes counts failed logins per username and address (settings: "Login lockout"). The
address is the peer's, unless ``KES_TRUSTED_PROXIES`` reverse proxies stand in front:
then it is the one the outermost trusted proxy saw, read from the right of
X-Forwarded-For, so a client cannot pick its address by sending the header itself.
"""

import ipaddress
import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

LOCKOUT_TEMPLATE = "registration/locked_out.html"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client address of ``request`` (``AXES_CLIENT_IP_CALLABLE``)."""
    proxies = settings.KES_TRUSTED_PROXIES
    if proxies > 0:
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop]
        if len(hops) >= proxies:
            address = _valid(hops[-proxies])
            if address:
                return address
    return request.META.get("REMOTE_ADDR")


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """The lockout page in the page's language, answering 429 (``AXES_LOCKOUT_CALLABLE``)."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(
        request,
        LOCKOUT_TEMPLATE,
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
