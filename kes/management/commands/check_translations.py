import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kes.i18n import MAKEMESSAGES_OPTIONS, po_entries, po_problems


class Command(BaseCommand):
    help = (
        "Fail when makemessages would change locale/*.po or a string lacks a translation "
        "(used by make check)."
    )

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        problems = []
        with tempfile.TemporaryDirectory() as tmp:
            saved = Path(tmp) / "locale"
            shutil.copytree(locale_dir, saved)
            try:
                call_command("makemessages", verbosity=0, **MAKEMESSAGES_OPTIONS)
                for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                    before = saved / po.relative_to(locale_dir)
                    if not before.exists() or po_entries(before) != po_entries(po):
                        problems.append(f"{po}: out of date, run 'make messages'")
            finally:
                shutil.rmtree(locale_dir)
                shutil.copytree(saved, locale_dir)
        for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            problems.extend(f"{po}: {p}" for p in po_problems(po))
        if problems:
            raise CommandError("Translations are not complete:\n" + "\n".join(problems))
        self.stdout.write("Translations complete and up to date.")
