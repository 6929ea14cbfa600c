"""The receipt (kvittering): what it says, as a PDF (WeasyPrint) and as an e-mail.

Everything is rendered in the language of the business; the PDF may only load the
project's own static files (its stylesheet and fonts), never anything from the network.
"""

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from routing.calendar import DEFAULT_CLOSING_DAYS, deadline, local_date

PDF_TEMPLATE = "cases/receipt_pdf.html"
EMAIL_TEMPLATE = "cases/receipt_email.txt"
SUBJECT_TEMPLATE = "cases/receipt_email_subject.txt"
# The PDF's base URL: relative links in the template resolve under it, and the fetcher
# maps it onto the static files. ".invalid" can never be a real host.
STATIC_ORIGIN = "https://static.kes.invalid/"
_MIME_TYPES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".svg": "image/svg+xml"}


def receipt_context(case) -> dict:
    """What the receipt shows; call it inside the language the receipt is written in."""
    received = local_date(case.received_at)
    closing_days = getattr(settings, "KES_CLOSING_DAYS", DEFAULT_CLOSING_DAYS)
    services = []
    for row in case.services.all():
        services.append(
            {
                "name": row.service.name,
                "departments": [department.name for department in row.departments.all()],
                "target_days": row.target_days,
                "target_unit": row.get_target_unit_display(),
                "deadline": deadline(
                    received, row.target_days, row.target_unit, closing_days=closing_days
                )
                if row.target_days
                else None,
            }
        )
    try:
        immediate_answer = case.immediate_answer
    except ObjectDoesNotExist:
        immediate_answer = None
    return {
        "case": case,
        "reference": case.reference,
        "business": case.business,
        "received": received,
        "track": case.get_track_display(),
        "services": services,
        "authorities": [
            {"name": authority.name, "url_hint": authority.url_hint}
            for authority in case.authorities.all()
        ],
        "reasons": [reason.text for reason in case.reasons.all()],
        "immediate_answer": immediate_answer,
        "kes_contact": settings.KES_CONTACT,
    }


def _static_file(url: str) -> Path:
    if not url.startswith(STATIC_ORIGIN):
        raise ValueError(f"the receipt may only load the project's static files, not {url}")
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


def render_receipt_pdf(case, language: str | None = None) -> bytes:
    """The receipt as an A4 PDF, in ``language`` (default: the business's language)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    with translation.override(language or case.business.language):
        html = render_to_string(PDF_TEMPLATE, receipt_context(case))
    fonts = FontConfiguration()
    return HTML(string=html, base_url=STATIC_ORIGIN, url_fetcher=static_url_fetcher()).write_pdf(
        font_config=fonts
    )


def receipt_email(case, *, pdf: bytes, language: str) -> EmailMessage:
    """The receipt mail to the business, with the PDF attached."""
    with translation.override(language):
        context = receipt_context(case)
        subject = " ".join(render_to_string(SUBJECT_TEMPLATE, context).split())
        body = render_to_string(EMAIL_TEMPLATE, context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[case.business.email],
        reply_to=[settings.KES_CONTACT["email"]],
    )
    message.attach(f"{case.reference}.pdf", pdf, "application/pdf")
    return message
