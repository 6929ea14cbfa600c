from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "routing"
    verbose_name = _("Organisation and routing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the roles a department membership gives with kes.access.
        from . import roles  # noqa: F401
