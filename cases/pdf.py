"""Letters as PDFs and e-mails: WeasyPrint rendering and the mail that carries a letter.

A letter is written in one language (the business's); its PDF may only load the
project's own static files (stylesheet and fonts), never anything from the network.
"""

import mimetypes
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

# The PDF's base URL: relative links in the template resolve under it, and the fetcher
# maps it onto the static files. ".invalid" can never be a real host.
STATIC_ORIGIN = "https://static.kes.invalid/"
_MIME_TYPES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".svg": "image/svg+xml"}


def _static_file(url: str) -> Path:
    if not url.startswith(STATIC_ORIGIN):
        raise ValueError(f"a letter may only load the project's static files, not {url}")
    relative = unquote(urlsplit(url).path).lstrip("/")
    if not relative or ".." in PurePosixPath(relative).parts:
        raise ValueError(f"not a static file: {url}")
    found = finders.find(relative)
    if not found:
        raise ValueError(f"no static file {relative}")
    return Path(found)


def _mime_type(path: Path) -> str:
    return _MIME_TYPES.get(path.suffix.lower()) or (
        mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    )


def static_url_fetcher():
    """A WeasyPrint URL fetcher serving only the project's static files."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 68 takes a function returning a dict

        def fetch(url):
            path = _static_file(url)
            return {"string": path.read_bytes(), "mime_type": _mime_type(path)}

        return fetch

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = _static_file(url)
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": _mime_type(path)}
            )

    return StaticFilesFetcher()


def render_pdf(template: str, context: Callable[[], dict], *, language: str) -> bytes:
    """``template`` rendered in ``language`` as an A4 PDF. ``context`` is called inside the
    language: translated catalogue names are read when it runs."""
    # Imported here: WeasyPrint takes ~0.7 s to import, and only workers render letters.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    with translation.override(language):
        html = render_to_string(template, context())
    fonts = FontConfiguration()
    return HTML(string=html, base_url=STATIC_ORIGIN, url_fetcher=static_url_fetcher()).write_pdf(
        font_config=fonts
    )


def letter_email(
    case,
    *,
    subject_template: str,
    body_template: str,
    context: Callable[[], dict],
    pdf: bytes,
    filename: str,
    language: str,
) -> EmailMessage:
    """The mail to the business that carries a letter as a PDF attachment."""
    with translation.override(language):
        values = context()
        subject = " ".join(render_to_string(subject_template, values).split())
        body = render_to_string(body_template, values)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[case.business.email],
        reply_to=[settings.KES_CONTACT["email"]],
    )
    message.attach(filename, pdf, "application/pdf")
    return message
