from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the outbox's deliverers and the business role with kes.
        from . import deliveries, roles  # noqa: F401
        from .sla import texts  # noqa: F401  (the sweep's notices and mails)
