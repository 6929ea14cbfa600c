"""Public case references: KES-<year>-<6 digits>, numbered per year without gaps or repeats."""

from django.db import IntegrityError, connection, transaction

from ..models import ReferenceCounter

REFERENCE_FORMAT = "KES-{year}-{number:06d}"


def _counted(year: int) -> int | None:
    """Count one up in ``year``'s row and return the new number: one statement, which locks
    the row until the transaction ends (None when the year has no row yet)."""
    quote = connection.ops.quote_name
    table = quote(ReferenceCounter._meta.db_table)
    last = quote(ReferenceCounter._meta.get_field("last").column)
    year_column = quote(ReferenceCounter._meta.get_field("year").column)
    # UPDATE … RETURNING: PostgreSQL, and SQLite from 3.35 (Django 5.2 requires 3.31; the
    # project's SQLite is newer). Concurrent callers wait for the lock and then count on.
    with connection.cursor() as cursor:
        cursor.execute(
            # The names are the model's, quoted; the year is a parameter.
            f"UPDATE {table} SET {last} = {last} + 1 WHERE {year_column} = %s RETURNING {last}",  # noqa: S608
            [year],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


# No savepoint of its own inside the submission's transaction; a transaction when alone.
@transaction.atomic(savepoint=False)
def case_reference_next(year: int) -> str:
    """The next reference of ``year``. The counter row stays locked until the caller's
    transaction ends, so concurrent submissions queue up instead of sharing a number."""
    number = _counted(year)
    if number is None:
        try:
            # A savepoint: a concurrent first case of the year may create the row first.
            with transaction.atomic():
                ReferenceCounter.objects.create(year=year, last=0)
        except IntegrityError:
            pass
        number = _counted(year)
    return REFERENCE_FORMAT.format(year=year, number=number)
