"""Public case references: KES-<year>-<6 digits>, numbered per year without gaps or repeats."""

from django.db import IntegrityError, transaction

from ..models import ReferenceCounter

REFERENCE_FORMAT = "KES-{year}-{number:06d}"


@transaction.atomic
def case_reference_next(year: int) -> str:
    """The next reference of ``year``. The counter row stays locked until the caller's
    transaction ends, so concurrent submissions queue up instead of sharing a number."""
    counter = ReferenceCounter.objects.select_for_update().filter(year=year).first()
    if counter is None:
        try:
            # A savepoint: a concurrent first case of the year may create the row first.
            with transaction.atomic():
                ReferenceCounter.objects.create(year=year, last=0)
        except IntegrityError:
            pass
        counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return REFERENCE_FORMAT.format(year=year, number=counter.last)
