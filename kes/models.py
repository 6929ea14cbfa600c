from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Language


class User(AbstractUser):
    """Bruger: a person who logs in, business user or staff.

    Roles come from group membership (KES staff, pilots, triage committee, managers), from
    department membership (caseworker, department lead) and from business membership.
    """

    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.DA,
        help_text=_("Used for everything the portal sends to this person."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")
