from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "advisory"
    verbose_name = _("Advisory: courses, counselling and outreach")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import deliveries, tasks  # noqa: F401  (the outbox's deliverers, beat tasks)
