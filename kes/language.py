"""Addresses in a chosen language: a page in another language, a named URL in a given one.

The apps' views use these too (registration lands on "my page" in the person's language),
so they live here rather than in ``kes.views``.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation


def same_page_in(url: str, language: str) -> str:
    """``url`` in another language. Django's translate_url only resolves paths in the
    active language, so resolve in the language the path itself carries."""
    current = translation.get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    with translation.override(current):
        return translate_url(url, language)


def reverse_in_language(name: str, language: str) -> str:
    """The URL named ``name`` with the prefix of ``language`` (none for Danish)."""
    with translation.override(language):
        return reverse(name)
