"""Public case references: KES-<year>-<6 digits>, numbered per year without gaps or repeats."""

from django.db import IntegrityError, connection, transaction

from ..models import ReferenceCounter

REFERENCE_FORMAT = "KES-{year}-{number:06d}"


def _counted(year: int, by: int = 1) -> int | None:
    """Count ``by`` up in ``year``'s row and return the new last number: one statement, which
    locks the row until the transaction ends (None when the year has no row yet)."""
    quote = connection.ops.quote_name
    table = quote(ReferenceCounter._meta.db_table)
    last = quote(ReferenceCounter._meta.get_field("last").column)
    year_column = quote(ReferenceCounter._meta.get_field("year").column)
    # UPDATE … RETURNING: PostgreSQL, and SQLite from 3.35 (Django 5.2 requires 3.31; the
    # project's SQLite is newer). Concurrent callers wait for the lock and then count on.
    with connection.cursor() as cursor:
        cursor.execute(
            # The names are the model's, quoted; the year is a parameter.
            f"UPDATE {table} SET {last} = {last} + %s WHERE {year_column} = %s RETURNING {last}",  # noqa: S608
            [by, year],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def _counted_up(year: int, by: int) -> int:
    number = _counted(year, by)
    if number is None:
        try:
            # A savepoint: a concurrent first case of the year may create the row first.
            with transaction.atomic():
                ReferenceCounter.objects.create(year=year, last=0)
        except IntegrityError:
            pass
        number = _counted(year, by)
    return number


# No savepoint of its own inside the submission's transaction; a transaction when alone.
@transaction.atomic(savepoint=False)
def case_reference_next(year: int) -> str:
    """The next reference of ``year``. The counter row stays locked until the caller's
    transaction ends, so concurrent submissions queue up instead of sharing a number."""
    return REFERENCE_FORMAT.format(year=year, number=_counted_up(year, 1))


@transaction.atomic(savepoint=False)
def case_references_reserve(*, year: int, count: int) -> list[str]:
    """``count`` consecutive references of ``year`` at once, for rows written in bulk (the
    demo's history); the same counter and lock as ``case_reference_next``."""
    if count < 1:
        return []
    last = _counted_up(year, count)
    return [REFERENCE_FORMAT.format(year=year, number=n) for n in range(last - count + 1, last + 1)]
