from celery import shared_task
from django.db import connection
from django.utils import timezone


@shared_task(name="kes.health")
def health() -> dict:
    """Prove that a worker runs with Django loaded and reaches the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (db_ok,) = cursor.fetchone()
    return {"ok": db_ok == 1, "database": connection.vendor, "at": timezone.now().isoformat()}
