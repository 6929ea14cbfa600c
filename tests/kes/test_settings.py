"""Settings come from the environment; the defaults are the embedded setup."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'host': s.DATABASES['default'].get('HOST'), "
    "'broker': s.CELERY_BROKER_URL, 'cache': s.CACHES['default']['BACKEND'], "
    "'email': s.EMAIL_BACKEND, 'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
    "'lang': s.LANGUAGE_CODE, 'tz': s.TIME_ZONE}))"
)
KEYS = ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DEBUG", "ALLOWED_HOSTS", "SECRET_KEY")


def _settings_with(tmp_path, **env_vars):
    env = {k: v for k, v in os.environ.items() if k not in KEYS}
    env.update({"DJANGO_SETTINGS_MODULE": "kes.settings", "KES_VAR_DIR": str(tmp_path)})
    env.update(env_vars)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_embedded_defaults_use_sqlite_filesystem_broker_and_console_mail(tmp_path):
    parsed = _settings_with(tmp_path)
    assert parsed["engine"] == "django.db.backends.sqlite3"
    assert parsed["name"] == str(tmp_path / "db.sqlite3")
    assert parsed["broker"] == "filesystem://"
    assert parsed["cache"].endswith("LocMemCache")
    assert parsed["email"] == "django.core.mail.backends.console.EmailBackend"
    assert parsed["debug"] is False
    assert (parsed["lang"], parsed["tz"]) == ("da", "Europe/Copenhagen")


def test_production_urls_switch_to_postgresql_redis_and_smtp(tmp_path):
    parsed = _settings_with(
        tmp_path,
        DATABASE_URL="postgres://kes:secret@db.example.invalid:5432/kes",
        REDIS_URL="redis://cache.example.invalid:6379/0",
        EMAIL_URL="smtp://mail.example.invalid:25",
        ALLOWED_HOSTS="kes.example.invalid,www.kes.example.invalid",
        DEBUG="true",
    )
    assert parsed["engine"] == "django.db.backends.postgresql"
    assert parsed["host"] == "db.example.invalid"
    assert parsed["broker"] == "redis://cache.example.invalid:6379/0"
    assert parsed["cache"] == "django_redis.cache.RedisCache"
    assert parsed["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert parsed["hosts"] == ["kes.example.invalid", "www.kes.example.invalid"]
    assert parsed["debug"] is True


@pytest.mark.parametrize("value,expected", [("false", False), ("0", False), ("on", True)])
def test_debug_flag_parses_the_usual_spellings(tmp_path, value, expected):
    assert _settings_with(tmp_path, DEBUG=value)["debug"] is expected
