from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from cases.selectors import businesses_of
from cases.services import business_account_register
from routing.selectors import memberships_of

from .access import STAFF_ROLES, role_required, roles_of
from .forms import BusinessRegistrationForm
from .readiness import readiness
from .services import user_language_set


def home(request):
    return render(request, "home.html")


def accessibility(request):
    return render(request, "accessibility.html")


def privacy(request):
    return render(request, "privacy.html")


@role_required(*STAFF_ROLES)
@never_cache
def staff_home(request):
    return render(
        request,
        "staff/home.html",
        {"roles": sorted(roles_of(request.user)), "departments": memberships_of(request.user)},
    )


@require_POST
def language_switch(request):
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


def same_page_in(url: str, language: str) -> str:
    """``url`` in another language. Django's translate_url only resolves paths in the
    active language, so resolve in the language the path itself carries."""
    current = translation.get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    with translation.override(current):
        return translate_url(url, language)


def register(request):
    if request.user.is_authenticated:
        return redirect("account")
    form = BusinessRegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = business_account_register(
                username=data["username"],
                password=data["password1"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=data["language"],
                business={
                    "cvr": data["cvr"],
                    "name": data["business_name"],
                    "email": data["email"],
                    "address": data["address"],
                    "postcode": data["postcode"],
                    "city": data["city"],
                    "phone": data["phone"],
                },
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your business is registered. Welcome."))
            return redirect(_in_language("account", user.language))
    return render(request, "registration/register.html", {"form": form})


def _in_language(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


@login_required
@never_cache
def account(request):
    """My page: what this person can do here, by role."""
    return render(
        request,
        "account.html",
        {"roles": sorted(roles_of(request.user)), "businesses": businesses_of(request.user)},
    )


def after_login_url(request, user) -> str:
    """Where a person lands after login: the page asked for, in their language.

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
        return _in_language("account", language)
    return same_page_in(target, language)


@require_GET
@never_cache
def healthz(request):
    """Liveness for load balancers and compose: the process answers and the database too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "database unavailable"}, status=503)


@require_GET
@never_cache
def readyz(request):
    """Readiness for operators: database, broker and cache each "ok" or "down" (JSON);
    503 when any is down."""
    parts = readiness()
    body = {name: "ok" if ok else "down" for name, ok in parts.items()}
    ready = all(parts.values())
    return JsonResponse(
        {"status": "ok" if ready else "degraded", **body}, status=200 if ready else 503
    )


def page_not_found(request, exception):
    """The 404 page in the language of its address (English under /en/, Danish without a
    prefix), whatever was active when the 404 arose: a person's stored language decides
    mails and letters, never the page they are looking at."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        response = render(request, "404.html", status=404)
    response.headers["Content-Language"] = language
    return response
