"""Reads for the organisation."""

from django.db.models import QuerySet

from .constants import MembershipRole
from .models import Administration, Department, DepartmentMembership


def departments_of(user) -> QuerySet[Department]:
    """The departments a user works in (any role)."""
    return Department.objects.filter(memberships__user=user)


def memberships_of(user) -> QuerySet[DepartmentMembership]:
    return DepartmentMembership.objects.filter(user=user).select_related("department")


def membership_roles_of(user) -> set[str]:
    return set(DepartmentMembership.objects.filter(user=user).values_list("role", flat=True))


def administrations_with_departments() -> QuerySet[Administration]:
    return Administration.objects.prefetch_related("departments")


def is_department_lead(user, department: Department) -> bool:
    return DepartmentMembership.objects.filter(
        user=user, department=department, role=MembershipRole.LEAD
    ).exists()
