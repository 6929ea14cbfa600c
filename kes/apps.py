from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KesConfig(AppConfig):
    name = "kes"
    verbose_name = _("KES portal")
    default_auto_field = "django.db.models.BigAutoField"
