"""Reads for businesses and cases."""

from django.db.models import QuerySet

from .models import Business


def businesses_of(user) -> QuerySet[Business]:
    if not user.is_authenticated:
        return Business.objects.none()
    return Business.objects.filter(memberships__user=user).order_by("name")


def business_by_cvr(cvr: str) -> Business | None:
    return Business.objects.filter(cvr=cvr).first()


def businesses_visible_to(queryset: QuerySet[Business], user) -> QuerySet[Business]:
    """Businesses a user may see: their own; KES staff, pilots and managers see all."""
    from kes.access import has_role
    from kes.constants import Role

    if has_role(user, Role.KES_STAFF, Role.PILOT, Role.MANAGER, Role.ADMINISTRATOR):
        return queryset
    return queryset.filter(memberships__user=user) if user.is_authenticated else queryset.none()
