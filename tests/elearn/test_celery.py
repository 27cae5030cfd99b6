"""Background tasks: in-process on the embedded default, real workers with a broker."""

import os

import pytest
from django.db import connection

from elearn.celery import app
from elearn.tasks import health_check


def test_without_a_broker_the_embedded_default_runs_tasks_in_process(monkeypatch):
    """The settings' rule: no CELERY_BROKER_URL means eager, in-process tasks."""
    import importlib

    import elearn.settings.base as base

    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_TASK_ALWAYS_EAGER", raising=False)
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CELERY_TASK_ALWAYS_EAGER is True
        monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
        reloaded = importlib.reload(base)
        assert reloaded.CELERY_TASK_ALWAYS_EAGER is False
        assert reloaded.CELERY_RESULT_BACKEND == "redis://127.0.0.1:6379/0"
        monkeypatch.setenv("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
        assert importlib.reload(base).CELERY_RESULT_BACKEND == "rpc://"
    finally:
        monkeypatch.undo()
        importlib.reload(base)


@pytest.mark.django_db
def test_eager_task_runs_in_this_process():
    result = health_check.delay()
    assert result.get()["pid"] == os.getpid()


@pytest.mark.worker
def test_real_worker_runs_the_task_against_the_same_database(celery_worker):
    result = health_check.delay()
    reply = result.get(timeout=60)
    assert reply["pid"] == celery_worker.pid  # ran in the worker process, not here
    assert reply["pid"] != os.getpid()
    assert reply["database_vendor"] == connection.vendor
    assert reply["database_name"] == connection.settings_dict["NAME"]
    assert app.conf.task_always_eager is False
