from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    DA = "da", _("Danish")
    EN = "en", _("English")


class Role(models.TextChoices):
    """What a user may do; derived from groups and memberships, never stored as such."""

    BUSINESS = "business", _("Business")
    KES_STAFF = "kes_staff", _("KES staff")
    PILOT = "pilot", _("Business pilot")
    TRIAGE = "triage", _("Triage committee")
    MANAGER = "manager", _("Manager")
    CASEWORKER = "caseworker", _("Caseworker")
    DEPARTMENT_LEAD = "department_lead", _("Department lead")
    ADMINISTRATOR = "administrator", _("Administrator")
    ADVISOR = "advisor", _("Business advisor")


# Roles held through a Django group; the group names are stable identifiers.
GROUP_ROLES = {
    "kes_staff": Role.KES_STAFF,
    "pilots": Role.PILOT,
    "triage_committee": Role.TRIAGE,
    "managers": Role.MANAGER,
    "advisors": Role.ADVISOR,
}
ROLE_GROUPS = {role: group for group, role in GROUP_ROLES.items()}


class NotificationState(models.TextChoices):
    """Where one side effect of the outbox stands."""

    PENDING = "pending", _("Waiting to be delivered")
    SENT = "sent", _("Delivered")
    FAILED = "failed", _("Given up")
