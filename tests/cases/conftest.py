"""Fixtures of the case tests: the shipped catalogue, kept per module, and the business.

Modules that need committed rows (transactional and browser tests) load the catalogue
themselves and override ``catalogue``. Answers and helpers are in ``helpers.py``.
"""

import pytest

from tests.factories import keep_shipped_catalogue


@pytest.fixture(scope="module")
def _catalogue(django_db_setup, django_db_blocker):
    """The shipped catalogue, loaded once for each module that asks for it and rolled back
    at the module's end (module scope: one instance per module, though defined here)."""
    yield from keep_shipped_catalogue(django_db_blocker)


@pytest.fixture
def catalogue(_catalogue, db):
    """The shipped catalogue, for a test with database access."""


@pytest.fixture
def business(catalogue, business_user):
    """The business of ``business_user``, with the catalogue to apply from."""
    return business_user.businesses.get()
