"""Settings for the KES portal.

One module, every deployment value from the environment (django-environ). The defaults are
the embedded setup a newcomer gets from ``make run``: SQLite, a filesystem Celery broker and
files under ``var/``, e-mail on the console. ``DATABASE_URL``, ``REDIS_URL``, ``EMAIL_URL``,
``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DEBUG`` switch to production parts.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(str(env_file))

VAR_DIR = Path(env.str("KES_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
# The embedded default key only ever serves a local run; production sets SECRET_KEY.
SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-development-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "axes",
    "django_celery_beat",
    "viewflow",
    "viewflow.workflow",
    "kes",
    "routing",
    "cases",
    "intake",
    "advisory",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kes.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kes.urls"
WSGI_APPLICATION = "kes.wsgi.application"
ASGI_APPLICATION = "kes.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kes.context_processors.portal",
            ],
        },
    },
]

# Every form renders through the portal's templates: error summary, label, hint, error.
FORM_RENDERER = "kes.forms_renderer.PortalFormRenderer"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet; SQLite cannot create the folder itself.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # A file, not memory: the browser tests' live server reads it from another thread.
    # One per process, so that two test runs side by side do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
    # Worker, beat and web share the file: WAL lets readers run beside one writer, and
    # IMMEDIATE transactions wait for the write lock up front instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "kes.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "home"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # django-redis, because it can ignore a Redis that is down: a cache miss and a lost
    # write (throttles then let requests through) instead of a 500 for everyone.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kes",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Language: Danish first, English complete. Danish pages have no prefix, English ones /en/.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates the way the rest of the world outside the US writes them (kes/formats/en).
FORMAT_MODULE_PATH = ["kes.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "kes_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
MODELTRANSLATION_DEFAULT_LANGUAGE = "da"
MODELTRANSLATION_LANGUAGES = ("da", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("da", "en")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# DKFDS (Det Fælles Designsystem) is copied here from npm by `make assets`.
ASSETS_DIR = BASE_DIR / "var" / "assets"
STATICFILES_DIRS = [BASE_DIR / "kes" / "static", ASSETS_DIR]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="KES <kes@example.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Celery: Redis in production, a filesystem broker for the embedded setup.
CELERY_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        # A publish tries the broker once, briefly: the outbox relay is the retry, and a
        # request must not wait on a broker that is down (kes.tasks.enqueue_delivery).
        "max_retries": 0,
        "socket_connect_timeout": 1,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = f"file://{CELERY_DIR / 'results'}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DIR / "queue"),
        "data_folder_out": str(CELERY_DIR / "queue"),
        "processed_folder": str(CELERY_DIR / "processed"),
        "control_folder": str(CELERY_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    # A heartbeat: proves beat, broker, worker and database work together.
    "health": {"task": "kes.health", "schedule": 300.0},
    # The outbox relay: side effects whose enqueue was lost or whose delivery failed.
    "outbox-relay": {"task": "kes.relay_notifications", "schedule": 60.0},
    # Service targets: warnings, breaches and lapsed information requests (cases.sla).
    "sla-sweep": {
        "task": "cases.sla_sweep",
        "schedule": 60.0 * env.float("KES_SLA_SWEEP_MINUTES", default=15),
    },
    # Free advice: reminders the day before (hourly, once per registration by its outbox
    # key) and offers from the waiting list that lapse (their seat goes to the next).
    "advisory-reminders": {"task": "advisory.send_reminders", "schedule": 3600.0},
    "advisory-offers": {"task": "advisory.expire_offers", "schedule": 300.0},
    # The managers' monthly report of the month before, early on the 1st (Copenhagen time).
    "cases-monthly-report": {
        "task": "cases.monthly_report",
        "schedule": crontab(minute=0, hour=6, day_of_month=1),
    },
    # The public processing times (cases.processing_times): nightly, after the day's decisions.
    "processing-times": {
        "task": "cases.processing_times_refresh",
        "schedule": crontab(hour=2, minute=30),
    },
}
# A broker that is down must not hang a request: give up quickly and leave it to the outbox.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Contact channels shown on every public page (illustrative; set per deployment).
KES_CONTACT = {
    "phone": env.str("KES_CONTACT_PHONE", default="+45 33 66 33 66"),
    "email": env.str("KES_CONTACT_EMAIL", default="kes@example.invalid"),
    "address": env.str("KES_CONTACT_ADDRESS", default="Njalsgade 13, 2300 København S"),
}
# Demo users and businesses (seed_demo); never created in production.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-password")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Municipal closing days counted as non-business days by routing.calendar (names from CLOSING_DAYS).
KES_CLOSING_DAYS = env.list(
    "KES_CLOSING_DAYS", default=["constitution_day", "christmas_eve", "new_years_eve"]
)

# Service targets (cases.sla, DESIGN.md §5): the warning milestone at this share of the
# target (a decimal string, read exactly), how often the sweep runs, and the business days
# after an unanswered request's due date before the second reminder (and as long again
# before the caseworker is told).
KES_SLA_WARNING_SHARE = env.str("KES_SLA_WARNING_SHARE", default="0.75")
KES_SLA_SWEEP_MINUTES = env.float("KES_SLA_SWEEP_MINUTES", default=15)
KES_LAPSE_SECOND_REMINDER_DAYS = env.int("KES_LAPSE_SECOND_REMINDER_DAYS", default=5)
# The public processing times: a service with fewer decided tasks in the last 12 months
# shows "too few cases to report" instead of a median of one or two.
KES_PROCESSING_TIMES_MIN_DECIDED = env.int("KES_PROCESSING_TIMES_MIN_DECIDED", default=5)

# Cases (cases/): classification and uploads.
# A request involving this many departments besides KES gets a business pilot (DESIGN.md §3).
KES_PILOT_DEPARTMENT_THRESHOLD = env.int("KES_PILOT_DEPARTMENT_THRESHOLD", default=4)
# Staff register a case received at most this many days back (DESIGN.md §5).
KES_RECEIVED_MAX_DAYS_BACK = env.int("KES_RECEIVED_MAX_DAYS_BACK", default=365)
# Upload limits: per file and for all files of one case together.
KES_UPLOAD_MAX_FILE_MB = env.int("KES_UPLOAD_MAX_FILE_MB", default=20)
KES_UPLOAD_MAX_CASE_MB = env.int("KES_UPLOAD_MAX_CASE_MB", default=100)

# REST API under /api/v1/ (DESIGN.md §6): JSON only; a token for programs, the session for
# the browser. Token first, so an anonymous request gets 401 with "WWW-Authenticate: Token".
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # DRF's, with a 400 instead of a 500 for JSON nested too deeply (kes/parsers.py).
    "DEFAULT_PARSER_CLASSES": ["kes.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "kes.api.exception_handler",
    # Password guessing through the token endpoint: failed logins per username.
    "DEFAULT_THROTTLE_RATES": {
        "auth_token_failures": env.str("KES_API_LOGIN_FAILURE_RATE", default="10/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# Login lockout (django-axes). A username tried from one address is locked after
# AXES_FAILURE_LIMIT wrong passwords for AXES_COOLOFF_TIME, web and token logins alike; the
# same username from another address still logs in, so guessing cannot lock the real person
# out. Attempts live in the database: a Redis that is down neither opens nor shuts the door.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The wait runs from the last counted failure: retrying while locked does not prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "kes.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "kes.lockout.client_ip"
# Reverse proxies in front of the web process whose X-Forwarded-For is trusted (0: none, the
# peer address is the client's). Behind a proxy without this, every login shares one address.
KES_TRUSTED_PROXIES = env.int("KES_TRUSTED_PROXIES", default=0)
