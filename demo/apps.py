from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo users, businesses and cases for ``make run`` (``seed_demo``); never in production.

    Its own app because it needs every other one: it sits above them all."""

    name = "demo"
    verbose_name = _("Demo data")
