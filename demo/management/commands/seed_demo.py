from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import demo_seed
from intake.catalogue import DEFAULT_CATALOGUE, read_catalogue
from intake.services import catalogue_load
from routing.models import Department


class Command(BaseCommand):
    help = "Create the demo users and businesses (DESIGN.md §6). Refused when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a production system).",
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: demo users have a known password. Use --force only on a test system."
            )
        if not Department.objects.exists():
            catalogue_load(data=read_catalogue(DEFAULT_CATALOGUE))
        report = demo_seed(password=settings.DEMO_PASSWORD)
        if report.users or report.businesses or report.cases or report.history:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data: {len(report.users)} users, "
                    f"{len(report.businesses)} businesses, {len(report.cases)} cases created; "
                    f"{report.history} decided tasks of history."
                )
            )
        else:
            self.stdout.write("Demo data already present; nothing changed.")
