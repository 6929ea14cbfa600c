"""Settings for the benchmark server: the project's, plus two bench-only views."""

from kes.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# No collectstatic for a benchmark: whitenoise may skip the missing folder quietly.
import warnings  # noqa: E402

warnings.filterwarnings("ignore", "No directory at", UserWarning)
