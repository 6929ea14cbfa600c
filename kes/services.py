"""Writes for user accounts."""

from django.db import transaction

from .constants import Language


@transaction.atomic
def user_language_set(*, user, language: str) -> None:
    """Remember the language a person chose; mails and letters to them use it."""
    language = Language(language)
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
