from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import KES_DEPARTMENT_CODE, MembershipRole

code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]*$",
    _("Use lowercase letters, digits and underscores, starting with a letter."),
)


class Administration(models.Model):
    """Forvaltning: one of the municipality's administrations (TMF, ØKF, KFF …)."""

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("administration")
        verbose_name_plural = _("administrations")

    def __str__(self):
        return self.name


class Department(models.Model):
    """Fagcenter: the unit that decides; KES is one too."""

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    administration = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("administration"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("what it decides"), blank=True, help_text=_("Shown in the public directory.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name

    @property
    def is_kes(self):
        return self.code == KES_DEPARTMENT_CODE


class ExternalAuthority(models.Model):
    """Ekstern myndighed: an authority outside the municipality that we only point to."""

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    url_hint = models.CharField(_("web address"), max_length=200, blank=True)
    # Shown on the receipt and the case page: the business contacts the authority itself.
    guidance = models.TextField(
        _("what the business does"),
        blank=True,
        help_text=_("What the business must do with this authority, in one or two sentences."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("external authority")
        verbose_name_plural = _("external authorities")

    def __str__(self):
        return self.name


class DepartmentMembership(models.Model):
    """Medlemskab af fagcenter: a caseworker or department lead in one department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="department_memberships",
        verbose_name=_("user"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("department"),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=MembershipRole.choices,
        default=MembershipRole.CASEWORKER,
    )

    class Meta:
        verbose_name = _("department membership")
        verbose_name_plural = _("department memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department"], name="routing_membership_one_per_department"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.department} ({self.get_role_display()})"
