"""The floor under every HTML page, for ``bench/pages.py``: what a request costs before a page
shows anything of its own.

- ``/bench/floor/signed-in/``: the whole middleware stack, the session and the signed-in
  user, and a two-byte response;
- ``/bench/floor/layout/``: the same plus the portal's layout (``base.html``: header with
  the user's roles and unread notices, navigation, language switch, footer) around an empty
  page.

A list page cannot cost less than the layout floor, whatever its rows cost; the page
benchmark reports both beside the real pages so the per-request part of a page can be read
off (page − layout floor) and compared with its row query."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from kes import urls as kes_urls

_LAYOUT = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}Floor{% endblock %}'
    "{% block content %}<h1>Floor</h1>{% endblock %}"
)


def signed_in(request):
    # The user is loaded lazily: touch it, as every staff page's access check does.
    return HttpResponse("ok" if request.user.is_authenticated else "no")


def layout(request):
    return HttpResponse(_LAYOUT.render({}, request))


urlpatterns = [
    path("bench/floor/signed-in/", signed_in),
    path("bench/floor/layout/", layout),
    *kes_urls.urlpatterns,
]
