from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kes.constants import Language

from ..validators import validate_cvr


class Business(models.Model):
    """Virksomhed: a business known by its CVR number."""

    cvr = models.CharField(_("CVR number"), max_length=8, unique=True, validators=[validate_cvr])
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.DA
    )
    email = models.EmailField(_("contact e-mail"))
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="BusinessMembership",
        related_name="businesses",
        verbose_name=_("users"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("business")
        verbose_name_plural = _("businesses")

    def __str__(self):
        return f"{self.name} (CVR {self.cvr})"


class BusinessMembership(models.Model):
    """Virksomhedsbruger: a person who acts for a business in the portal."""

    business = models.ForeignKey(
        Business, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("business")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="business_memberships",
        verbose_name=_("user"),
    )
    is_admin = models.BooleanField(
        _("administrator for the business"),
        default=False,
        help_text=_("May add and remove other users of the business."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("business user")
        verbose_name_plural = _("business users")
        constraints = [
            models.UniqueConstraint(fields=["business", "user"], name="cases_business_user_once")
        ]

    def __str__(self):
        return f"{self.user} – {self.business}"
