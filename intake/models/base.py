"""What the catalogue's models build on: its version stamp, and the queryset that moves the
stamp on writes that send no signals (``intake.signals`` moves it on those that do)."""

import threading
import uuid
from contextlib import contextmanager

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


class CatalogueVersion(models.Model):
    """Katalogversion: one row whose stamp changes, in the same transaction, with every write
    to the catalogue a submission reads (services, their questions, answer options, required
    documents and rules, the departments and authorities; ``intake.signals`` and
    ``CatalogueQuerySet``). A process may keep what it read of the catalogue as long as the
    stamp is the one it read with (``intake.selectors.submission_catalogue``).

    The stamp is random, not a counter: a write rolled back returns the row to its stamp
    before, and a later write never reuses a stamp that was cached with other rows.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    stamp = models.CharField(_("stamp"), max_length=32)

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self):
        return self.stamp

    @classmethod
    def current(cls) -> str | None:
        """The stamp now (one query); None while no write has made the row."""
        return cls.objects.filter(pk=1).values_list("stamp", flat=True).first()


_deferred = threading.local()


def catalogue_changed() -> None:
    """Move the catalogue's version: the caller changed catalogue rows in this transaction.
    Inside ``catalogue_changes()`` the move happens once, at its end."""
    if getattr(_deferred, "depth", 0):
        _deferred.changed = True
        return
    stamp = uuid.uuid4().hex
    if CatalogueVersion.objects.filter(pk=1).update(stamp=stamp):
        return
    try:
        # A savepoint: a concurrent first write may create the row first.
        with transaction.atomic():
            CatalogueVersion.objects.create(pk=1, stamp=stamp)
    except IntegrityError:
        CatalogueVersion.objects.filter(pk=1).update(stamp=stamp)


@contextmanager
def catalogue_changes():
    """Many catalogue writes (the loader), one version move at the end if any changed."""
    depth = getattr(_deferred, "depth", 0)
    if depth == 0:
        _deferred.changed = False
    _deferred.depth = depth + 1
    try:
        yield
    finally:
        _deferred.depth = depth
    if depth == 0 and _deferred.changed:
        catalogue_changed()


class CatalogueQuerySet(models.QuerySet):
    """Writes that send no signals (``update``, the bulk writes) still move the version."""

    def update(self, **kwargs):
        count = super().update(**kwargs)
        if count:
            catalogue_changed()
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            catalogue_changed()
        return created

    def bulk_update(self, objs, *args, **kwargs):
        count = super().bulk_update(objs, *args, **kwargs)
        if count:
            catalogue_changed()
        return count
