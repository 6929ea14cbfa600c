from django.core.management.base import BaseCommand, CommandError

from intake.catalogue import DEFAULT_CATALOGUE, read_catalogue
from intake.services import catalogue_load
from routing.services import CatalogueError


class Command(BaseCommand):
    help = "Load the service catalogue from a YAML file; safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(DEFAULT_CATALOGUE),
            help="Catalogue YAML file (default: the shipped reference catalogue).",
        )

    def handle(self, *args, path, **options):
        try:
            report = catalogue_load(data=read_catalogue(path))
        except CatalogueError as exc:
            raise CommandError(str(exc)) from exc
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Catalogue loaded: {report.summary()}"))
        else:
            self.stdout.write("Catalogue already up to date; nothing changed.")
