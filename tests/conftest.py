import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads made by a test land in its own temporary folder, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get(depth=2)


def _database_url(settings_dict):
    """A DATABASE_URL naming the test database this process uses, for a worker process."""
    engine = settings_dict["ENGINE"]
    if "postgresql" not in engine:
        return None
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker process on the configured broker, sharing the test database.

    Skips without CELERY_BROKER_URL and DATABASE_URL (PostgreSQL): an in-memory SQLite test
    database cannot be shared with another process. Tasks sent by the test go to a queue of
    its own, so messages left by other runs are never consumed here.
    """
    import os
    import subprocess
    import sys
    import uuid

    from django.conf import settings
    from django.db import connection

    from elearn.celery import app

    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: no broker to test the real worker path on")
    database_url = _database_url(connection.settings_dict)
    if database_url is None:
        pytest.skip("DATABASE_URL (PostgreSQL) is not set: a worker cannot share an in-memory SQLite test database")

    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elearn.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "elearn", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue, "-n", f"{queue}@%h"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    try:
        yield worker
    finally:
        app.conf.update(saved)
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        print(output)
