"""There is no Docker engine here, so the compose file is checked by reading it."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
services = compose["services"]


def _command(name):
    command = services[name].get("command")
    return command if isinstance(command, str) else " ".join(command)


def test_compose_has_the_five_services():
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_web_worker_and_beat_share_one_image():
    images = {
        (repr(services[n].get("build")), services[n].get("image"))
        for n in ("web", "worker", "beat")
    }
    assert len(images) == 1
    assert (ROOT / "Dockerfile").exists()


def test_commands_run_gunicorn_worker_and_beat():
    assert "gunicorn" in _command("web") and "kes.wsgi" in _command("web")
    assert "celery" in _command("worker") and " worker" in _command("worker")
    assert "celery" in _command("beat") and " beat" in _command("beat")


def test_every_value_comes_from_the_environment():
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        for key in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL"):
            assert "${" in str(env[key]), f"{name}.{key} is hard-coded"
        assert {"db", "redis"} <= set(services[name]["depends_on"])
