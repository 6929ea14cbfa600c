from django.db import models
from django.utils.translation import gettext_lazy as _

# The department that is KES itself: it settles immediate questions and owns pilots.
KES_DEPARTMENT_CODE = "kes"


class MembershipRole(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    LEAD = "lead", _("Department lead")


class TargetUnit(models.TextChoices):
    """How a service target counts days (DESIGN.md §5)."""

    BUSINESS = "business", _("working days")
    CALENDAR = "calendar", _("calendar days")
    WEEKS = "weeks", _("weeks")
