"""Reads of the ground floor: a staff member's notices."""

from django.db.models import QuerySet

from .models import Notice


def notices_unread_count(*, user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def notices_of(*, user) -> QuerySet[Notice]:
    """The user's notices, newest first (the list's index)."""
    return Notice.objects.filter(recipient=user).order_by("-created_at", "-id")
