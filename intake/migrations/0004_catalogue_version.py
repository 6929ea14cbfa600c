import uuid

from django.db import migrations, models


def first_stamp(apps, schema_editor):
    # The catalogue already in the database gets its stamp, so processes may cache it at once.
    apps.get_model("intake", "CatalogueVersion").objects.create(pk=1, stamp=uuid.uuid4().hex)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_trigram_extension_on_postgresql"),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogueVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("stamp", models.CharField(max_length=32, verbose_name="stamp")),
            ],
            options={
                "verbose_name": "catalogue version",
                "verbose_name_plural": "catalogue versions",
            },
        ),
        migrations.RunPython(first_stamp, migrations.RunPython.noop),
    ]
