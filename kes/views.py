"""The portal's own pages (home, accessibility, privacy, the 404 page), the language switch,
where a login lands, and the health checks. The apps' pages live in their apps."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .access import is_staff_user
from .language import reverse_in_language, same_page_in
from .models import User
from .readiness import database_ok, readiness
from .services import user_language_set


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy.html")


@require_POST
def language_switch(request: HttpRequest) -> HttpResponseRedirect:
    """Switch language and stay on the same page; remember the choice for logged-in users."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    if not translation.check_for_language(language):
        return redirect(target)
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    response = redirect(same_page_in(target, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


def after_login_url(request: HttpRequest, user: User) -> str:
    """Where a person lands after login: the page asked for, in their language; without
    one, staff land on their work overview and businesses on their own page.

    A login page with a language prefix (/en/) was chosen by the person; the unprefixed
    (Danish) default was not, so there their stored preference decides.
    """
    language = translation.get_language_from_path(request.path_info) or user.language
    target = request.POST.get("next") or request.GET.get("next")
    if not (
        target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return reverse_in_language("staff_home" if is_staff_user(user) else "account", language)
    return same_page_in(target, language)


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and compose: the process answers and the database too."""
    if database_ok():
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "database unavailable"}, status=503)


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness for operators: database, broker and cache each "ok" or "down" (JSON);
    503 when any is down."""
    parts = readiness()
    body = {name: "ok" if ok else "down" for name, ok in parts.items()}
    ready = all(parts.values())
    return JsonResponse(
        {"status": "ok" if ready else "degraded", **body}, status=200 if ready else 503
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 404 page in the language of its address (English under /en/, Danish without a
    prefix), whatever was active when the 404 arose: a person's stored language decides
    mails and letters, never the page they are looking at."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(request, "404.html", status=404)
    response.headers["Content-Language"] = language
    return response
