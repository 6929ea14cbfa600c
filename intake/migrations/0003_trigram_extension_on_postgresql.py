from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for the guide's typo-tolerant search. The operation does nothing on other
    databases (it checks the connection's vendor itself), so SQLite migrates unchanged."""

    dependencies = [
        ("intake", "0002_application_drafts"),
    ]

    operations = [
        TrigramExtension(),
    ]
