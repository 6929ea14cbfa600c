"""Request language for the REST API.

The portal's pages take their language from the URL (Danish unprefixed, English under /en/),
so LocaleMiddleware activates Danish on every unprefixed path, /api/ included. API clients
have no URL prefix to choose with; they say what they want in ``Accept-Language``. Rule:
- a path under /api/ with an ``Accept-Language`` header gets the best supported language
  for the request (Django's usual order: language cookie, then the header);
- without the header it gets the default language (Danish), whatever the cookie says, so
  a plain client always gets the same answer;
- the response varies on ``Accept-Language`` so that caches keep the languages apart.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


class ApiLanguageMiddleware:
    """Place right after LocaleMiddleware: it overrides the language that one chose."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if request.META.get("HTTP_ACCEPT_LANGUAGE"):
            language = translation.get_language_from_request(request, check_path=False)
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        return response
