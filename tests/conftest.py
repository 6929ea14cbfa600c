import os

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from kes.celery import app as celery_app

# Threads of the live server must not keep PostgreSQL connections past their request, or the
# test database cannot be dropped at the end.
django_settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True, scope="session")
def _celery_eager():
    """Unit tests run tasks in-process; the integration tests start a real worker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield


@pytest.fixture(autouse=True)
def _celery_join_allowed():
    """Celery marks "inside a task" in one process-wide flag while it runs an eager task and
    restores the value it found afterwards. Two threads running eager tasks at once (the
    concurrency tests) can restore each other's True, and every later ``result.get()`` in the
    session then fails with "Never call result.get() within a task!". Start each test clean."""
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    yield


@pytest.fixture
def fresh_cache():
    """An empty cache before and after: the API's throttles count in it, and it outlives a
    test. Used by the modules that call the API (``usefixtures``), not by every test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _plain_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


from tests.roles import *  # noqa: E402,F401,F403  (fixed users per role)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Real hashing costs ~0.3 s a user; the hasher is Django's, not ours to test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _danish_by_default():
    # A request activates its language in the thread; each test starts in Danish again.
    translation.activate("da")
    yield
    translation.activate("da")


@pytest.fixture(scope="module")
def browser():
    """One headless chromium per test module; skipped with the reason when it is missing.

    Not per session: while Playwright's sync API is open, the tests run inside its greenlet,
    where Django's connections (context-local) are other objects than outside it. Tests
    after the browser tests then left a PostgreSQL session open that the test database's
    teardown could not close ("being accessed by other users"). Closing Playwright at the
    end of each module returns later tests to the usual connections.
    """
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, browser_unavailable_reason

    reason = browser_unavailable_reason()
    if reason:
        pytest.skip(reason)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
