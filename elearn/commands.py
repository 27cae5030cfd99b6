"""Helpers shared by management commands."""

import logging
import os
import subprocess
import sys
from contextlib import contextmanager

# Loggers that report every page save and background task: one line each is noise here, where the
# command prints its own summary. Shown again with --verbosity 2.
CHATTY_LOGGERS = ["wagtail", "django_tasks"]


@contextmanager
def quiet_loggers(names, level=logging.WARNING):
    loggers = [logging.getLogger(name) for name in names]
    saved = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(level, logger.getEffectiveLevel()))
    try:
        yield
    finally:
        for logger, previous in zip(loggers, saved, strict=True):
            logger.setLevel(previous)


def start_bench_worker(prefix):
    """A Celery worker process on a queue of its own (for a benchmark); returns (process, queue name).
    The caller points `task_default_queue` at the queue and terminates the process when done."""
    queue = f"bench-{prefix.lower()}"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "elearn",
        "worker",
        "--pool=solo",
        "--loglevel=WARNING",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
    ]
    env = {**os.environ, "CELERY_TASK_DEFAULT_QUEUE": queue}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), queue
