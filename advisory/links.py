"""Signed links for people without an account: cancel a registration or a booking, accept
an offered seat, evaluate a session. The link carries the row's id, signed with the
project's secret and a salt per purpose, so one row's link opens nothing else."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

REGISTRATION_SALT = "advisory.registration"
BOOKING_SALT = "advisory.booking"


def _token(salt: str, pk: int) -> str:
    return signing.dumps(pk, salt=salt, compress=True)


def _pk(salt: str, token: str) -> int | None:
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def registration_token(pk: int) -> str:
    return _token(REGISTRATION_SALT, pk)


def registration_pk(token: str) -> int | None:
    return _pk(REGISTRATION_SALT, token)


def booking_token(pk: int) -> str:
    return _token(BOOKING_SALT, pk)


def booking_pk(token: str) -> int | None:
    return _pk(BOOKING_SALT, token)


def absolute(path: str) -> str:
    """A link in an e-mail: the portal's public address (``KES_PUBLIC_URL``) plus ``path``."""
    base = getattr(settings, "KES_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    return f"{base}{path}"


def registration_url(pk: int, language: str) -> str:
    with translation.override(language):
        return absolute(reverse("advice_registration", kwargs={"token": registration_token(pk)}))


def booking_url(pk: int, language: str) -> str:
    with translation.override(language):
        return absolute(reverse("advice_booking", kwargs={"token": booking_token(pk)}))
