"""Readiness: which of the parts the portal leans on answer now (database, broker, cache).

Liveness (``/healthz/``) asks only whether this process and its database answer; readiness
(``/readyz/``) tells an operator what is down. A broker or cache that is down degrades the
portal (side effects wait in the outbox, throttles let requests through) but is reported.
Each check is bounded by a short timeout, so the page itself never hangs.
"""

import uuid

from django.core.cache import cache
from django.db import connection

from .celery import app

BROKER_TIMEOUT = 1


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return False


def broker_ok() -> bool:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT)
            # The filesystem transport "connects" to anything; its folders must be there.
            conn.default_channel  # noqa: B018 - opening the channel is the check
        return True
    except Exception:  # noqa: BLE001
        return False


def cache_ok() -> bool:
    # A cache that ignores its errors answers None for a key it could not store.
    key, value = f"kes:readyz:{uuid.uuid4().hex}", "ok"
    try:
        cache.set(key, value, timeout=5)
        stored = cache.get(key)
        cache.delete(key)
    except Exception:  # noqa: BLE001
        return False
    return stored == value


def readiness() -> dict[str, bool]:
    return {"database": database_ok(), "broker": broker_ok(), "cache": cache_ok()}
